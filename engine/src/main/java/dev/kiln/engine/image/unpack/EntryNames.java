package dev.kiln.engine.image.unpack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Tar entry names as in-root paths: {@code ./a//b/} is {@code /a/b}; {@code ..} above the root is refused. */
final class EntryNames {
  private EntryNames() {}

  /** The cleaned in-root path, {@code /} for the root itself. */
  static String clean(String raw) throws IOException {
    List<String> out = new ArrayList<>();
    for (String c : raw.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (out.isEmpty()) {
          throw new IOException("layer entry \"" + raw + "\" points outside the image root");
        }
        out.removeLast();
        continue;
      }
      out.add(c);
    }
    return "/" + String.join("/", out);
  }

  /** The parent of a cleaned path ({@code /} for top-level names). */
  static String parent(String clean) {
    int slash = clean.lastIndexOf('/');
    return slash <= 0 ? "/" : clean.substring(0, slash);
  }

  /** The last component of a cleaned path. */
  static String base(String clean) {
    return clean.substring(clean.lastIndexOf('/') + 1);
  }
}
