package dev.kiln.daemon.export;

import dev.kiln.engine.exporter.ClientContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.llb.Digest;
import dev.kiln.session.content.ContentClient;
import dev.kiln.session.content.StoreIds;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A content store the client serves over the build's session, as the engine's exporters see it. */
final class SessionContentStore implements ClientContentStore {
  private final ContentClient client;

  SessionContentStore(DaemonSession session, String storeId) {
    this.client = new ContentClient(session.channel(), storeId);
  }

  /** Whether the client serves content stores at all (buildctl does when an output or a local cache needs one). */
  static boolean served(DaemonSession session) {
    return session != null && session.supports(StoreIds.WRITE_METHOD);
  }

  @Override
  public Optional<Long> size(Digest digest) throws IOException {
    return client.size(digest.value());
  }

  @Override
  public InputStream open(Digest digest) throws IOException {
    return client.open(digest.value());
  }

  @Override
  public void write(String ref, Descriptor blob, BlobData data) throws IOException {
    client.write(ref, blob.digest().value(), blob.size(), data::open);
  }
}
