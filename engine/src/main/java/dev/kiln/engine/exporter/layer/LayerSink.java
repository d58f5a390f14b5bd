package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.exporter.Descriptor;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Follows an image's layers as they are decided, base first. An image tarball written to a file
 * takes each new blob's compressed bytes while they are produced (the layer reaches its destination
 * in the same pass that stores it) and copies reused blobs from the content store in their turn.
 */
public interface LayerSink {
  /** Follows nothing: the layers only go to the content store. */
  LayerSink NONE = new LayerSink() {
    @Override
    public OutputStream beginNew() {
      return null;
    }

    @Override
    public void endNew(Descriptor blob) {}

    @Override
    public void abortNew() {}

    @Override
    public void layer(Descriptor blob) {}
  };

  /**
   * A new blob starts: its compressed bytes are written to the returned stream too (which the
   * writer does not close), or nowhere else when it returns null.
   */
  OutputStream beginNew() throws IOException;

  /** The new blob is complete, verified and in the content store as {@code blob}. */
  void endNew(Descriptor blob) throws IOException;

  /** The new blob failed: what {@link #beginNew} started is dropped. */
  void abortNew();

  /** The image's next layer, new (after {@link #endNew}) or reused. */
  void layer(Descriptor blob) throws IOException;
}
