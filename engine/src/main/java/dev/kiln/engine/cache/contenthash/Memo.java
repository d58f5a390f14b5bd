package dev.kiln.engine.cache.contenthash;

import dev.kiln.llb.Digest;

/** Where a tree walk may find digests computed before, and leaves new ones. Thread-safe. */
interface Memo {
  /** A digest still valid for this node, or null. */
  Digest lookup(Node n);

  void store(Node n, Digest d);

  /** Whether a hit for a directory may stand for its whole subtree (immutable trees only). */
  boolean coversDirectories();

  Memo NONE =
      new Memo() {
        @Override
        public Digest lookup(Node n) {
          return null;
        }

        @Override
        public void store(Node n, Digest d) {}

        @Override
        public boolean coversDirectories() {
          return false;
        }
      };
}
