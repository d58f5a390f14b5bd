package dev.kiln.session.content;

import io.grpc.Metadata;

/**
 * How BuildKit names the content stores a client attaches to its session (buildkit-wire §3.5):
 * every {@code containerd.services.content.v1.Content} call carries the store's id in the
 * {@code buildkit-attachable-store-id} header.
 */
public final class StoreIds {
  /** The header naming the store a call is for. */
  public static final Metadata.Key<String> HEADER = Metadata.Key.of("buildkit-attachable-store-id", Metadata.ASCII_STRING_MARSHALLER);
  /** {@code --output type=oci|docker,tar=false,dest=DIR}: the layout the image's blobs go to. */
  public static final String EXPORT = "export";
  /** The method a daemon checks before writing to a client's store. */
  public static final String WRITE_METHOD = "/containerd.services.content.v1.Content/Write";

  private StoreIds() {}

  /** {@code --export-cache type=local,dest=DIR} and {@code --import-cache type=local,src=DIR}: {@code local:DIR}, DIR as given. */
  public static String localCache(String dir) {
    return "local:" + dir;
  }
}
