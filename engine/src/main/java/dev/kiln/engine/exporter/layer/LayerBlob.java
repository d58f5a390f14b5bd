package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.llb.Digest;

/** A layer as an image needs it: the blob's descriptor and the digest of its uncompressed tar. */
public record LayerBlob(Descriptor blob, Digest diffId) {}
