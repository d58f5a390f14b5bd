package dev.kiln.engine.cache.contenthash;

import dev.kiln.engine.sys.Stat;
import dev.kiln.llb.Digest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One scanned entry; {@code digest} is set once known (from a memo or after hashing). */
final class Node {
  final String path; // in-root, "/a/b"
  final Path host;
  final Stat st;
  final List<Node> children = new ArrayList<>(); // sorted by name
  volatile Digest digest;
  boolean included = true; // by the checksum's include/exclude patterns

  Node(String path, Path host, Stat st) {
    this.path = path;
    this.host = host;
    this.st = st;
  }

  String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
