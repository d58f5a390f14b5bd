package dev.kiln.engine.source.ocilayout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.image.BlobFetcher;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Digest;
import dev.kiln.registry.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}),
 * read-only. Blobs are verified against their digest: by the content store when copied in, and
 * here when read whole.
 */
public record OciLayout(Path dir) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  public static OciLayout open(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve("index.json"))) {
      throw new NoSuchFileException(dir + "/index.json", null, "not an OCI image layout");
    }
    return new OciLayout(dir);
  }

  Path blobPath(Digest d) {
    return dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
  }

  /** The descriptor of a blob known only by digest (its media type is read from the document). */
  public Descriptor describe(Digest d) throws IOException {
    return new Descriptor("", d, size(d));
  }

  private long size(Digest d) throws IOException {
    try {
      return Files.size(blobPath(d));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(blobPath(d).toString(), null, "blob " + d + " is not in the OCI layout " + dir);
    }
  }

  /** A whole blob, verified. */
  public byte[] read(Descriptor d) throws IOException {
    byte[] bytes = Files.readAllBytes(blobPath(d.digest()));
    Digest actual = d.digest().withHash(d.digest().newHasher().digest(bytes));
    if (!actual.equals(d.digest()) || bytes.length != d.size()) {
      throw new IOException("blob " + d.digest() + " in the OCI layout " + dir + " is corrupt: its content hashes to " + actual);
    }
    return bytes;
  }

  /** The index.json entry tagged {@code tag} ({@code org.opencontainers.image.ref.name}). */
  public Optional<Descriptor> tagged(String tag) throws IOException {
    byte[] index = Files.readAllBytes(dir.resolve("index.json"));
    JsonNode root = JSON.readTree(index);
    for (JsonNode m : root.path("manifests")) {
      if (tag.equals(m.path("annotations").path(REF_NAME).asText(null))) {
        Digest d = Digest.parse(m.path("digest").asText());
        return Optional.of(new Descriptor(m.path("mediaType").asText(MediaTypes.OCI_MANIFEST), d, size(d)));
      }
    }
    return Optional.empty();
  }

  /** Streams blobs into the content store; the ingest checks size and digest on commit. */
  public BlobFetcher fetcher() {
    return (blob, sink) -> {
      try (InputStream in = Files.newInputStream(blobPath(blob.digest())); OutputStream out = sink.open(0)) {
        in.transferTo(out);
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(blobPath(blob.digest()).toString(), null, "blob " + blob.digest() + " is not in the OCI layout " + dir);
      }
      sink.commit(blob);
    };
  }
}
