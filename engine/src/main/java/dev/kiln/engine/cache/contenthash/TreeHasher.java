package dev.kiln.engine.cache.contenthash;

import dev.kiln.engine.fs.PatternMatcher;
import dev.kiln.engine.fs.RootedResolver;
import dev.kiln.engine.fs.Wildcards;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes checksums in three steps: a stat walk builds the tree of nodes (stopping where the
 * memo already knows a digest), the regular files left are hashed in parallel, and directory
 * digests are folded bottom-up from their sorted children.
 */
final class TreeHasher {
  private record Entry(String rel, Digest digest) {}

  private final FileHasher files;

  TreeHasher(FileHasher files) {
    this.files = files;
  }

  Digest checksum(Path root, String path, ChecksumOptions o, Memo memo) throws IOException {
    if (!o.wildcard()) {
      return single(root, path, o, memo);
    }
    MessageDigest md = Records.sha256();
    Records.put(md, Records.VERSION + " wildcard");
    for (String match : Wildcards.expand(root, path, o.followLinks())) {
      Records.put(md, match);
      Records.put(md, single(root, match, o, memo).value());
    }
    return Records.finish(md);
  }

  private Digest single(Path root, String path, ChecksumOptions o, Memo memo) throws IOException {
    String clean = RootedResolver.clean(path);
    Path host =
        o.followLinks()
            ? RootedResolver.resolve(root, clean)
            : RootedResolver.resolveNoFollow(root, clean);
    if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(clean);
    }
    Scan scan = new Scan(o, memo);
    Node top = scan.node(host, RootedResolver.inRoot(root, host), "", PatternMatcher.Match.NONE, PatternMatcher.Match.NONE);
    files.hashAll(scan.toHash, memo);
    if (!o.filtered() || !top.st.isDirectory()) {
      return fold(top, memo);
    }
    List<Entry> entries = new ArrayList<>();
    collect(top, "", entries);
    MessageDigest md = Records.sha256();
    Records.put(md, Records.VERSION + " filtered");
    Records.put(md, Records.directoryHeader(top).value());
    for (Entry e : entries) {
      Records.put(md, e.rel());
      Records.put(md, e.digest().value());
    }
    return Records.finish(md);
  }

  private static Digest fold(Node n, Memo memo) throws IOException {
    if (n.digest == null) {
      for (Node c : n.children) {
        fold(c, memo);
      }
      n.digest = Records.directory(n);
      memo.store(n, n.digest);
    }
    return n.digest;
  }

  /** Included entries in walk order; a directory counts when it or anything below is included. */
  private static boolean collect(Node dir, String rel, List<Entry> out) throws IOException {
    boolean any = false;
    for (Node c : dir.children) {
      String r = rel.isEmpty() ? c.name() : rel + "/" + c.name();
      if (c.st.isDirectory()) {
        int mark = out.size();
        out.add(null); // the directory goes before its children, once we know it counts
        boolean inner = collect(c, r, out);
        if (c.included || inner) {
          out.set(mark, new Entry(r, Records.directoryHeader(c)));
          any = true;
        } else {
          out.remove(mark);
        }
      } else if (c.included) {
        out.add(new Entry(r, c.digest));
        any = true;
      }
    }
    return any;
  }

  /** The stat walk: one per checksum call, single-threaded. */
  private static final class Scan {
    final List<Node> toHash = new ArrayList<>();
    final Memo memo;
    final boolean dirMemo;
    final PatternMatcher include;
    final PatternMatcher exclude;

    Scan(ChecksumOptions o, Memo memo) {
      this.memo = memo;
      this.dirMemo = memo.coversDirectories() && !o.filtered(); // filtering needs every node
      this.include = PatternMatcher.of(o.includePatterns());
      this.exclude = PatternMatcher.of(o.excludePatterns());
    }

    Node node(Path host, String path, String rel, PatternMatcher.Match inc, PatternMatcher.Match exc)
        throws IOException {
      Node n = new Node(path, host, PosixFiles.lstat(host));
      boolean excluded = false;
      if (!rel.isEmpty()) {
        if (!include.isEmpty()) {
          inc = include.matches(rel, inc);
          n.included = inc.matched();
        }
        if (!exclude.isEmpty()) {
          exc = exclude.matches(rel, exc);
          excluded = exc.matched();
          n.included &= !excluded;
        }
      }
      Digest known = memo.lookup(n);
      if (known != null && (dirMemo || !n.st.isDirectory())) {
        n.digest = known;
      } else if (n.st.isDirectory()) {
        if (excluded && !exclude.hasExclusions()) {
          return n; // nothing below can be included again: do not walk it
        }
        for (String name : sortedNames(host)) {
          String childRel = rel.isEmpty() ? name : rel + "/" + name;
          String childPath = path.equals("/") ? "/" + name : path + "/" + name;
          n.children.add(node(host.resolve(name), childPath, childRel, inc, exc));
        }
      } else if (n.st.isRegularFile()) {
        if (n.included) { // an excluded file's content is never read
          toHash.add(n);
        }
      } else {
        n.digest = Records.leaf(n);
      }
      return n;
    }

    private static List<String> sortedNames(Path dir) throws IOException {
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path e : entries) {
          names.add(e.getFileName().toString());
        }
      }
      names.sort(null);
      return names;
    }
  }
}
