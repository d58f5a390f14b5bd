package dev.kiln.llb;

import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The primitives of Go's {@code encoding/json} as {@code json.Encoder} uses them (HTML escaping
 * on, Go 1.19 rules), so that dumps are byte-identical to {@code buildctl debug dump-llb}.
 */
public final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Go sorts map keys by their bytes; for UTF-8 that is code point order, not UTF-16 order. */
  public static final Comparator<String> KEY_ORDER = GoJson::compareCodePoints;

  private GoJson() {}

  /** A JSON array of strings, compact, as {@code json.Marshal} writes it. */
  public static String stringArray(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) sb.append(',');
      string(values.get(i), sb);
    }
    return sb.append(']').toString();
  }

  public static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      escape(cp, out);
    }
    out.append('"');
  }

  private static void escape(int cp, StringBuilder out) {
    switch (cp) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      // HTML-sensitive characters and the JavaScript line separators, as Go escapes them.
      case '<', '>', '&', 0x2028, 0x2029 -> unicodeEscape(cp, out);
      default -> {
        if (cp < 0x20) {
          unicodeEscape(cp, out);
        } else if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
          out.append("\\ufffd"); // a lone surrogate is invalid UTF-8 to Go
        } else {
          out.appendCodePoint(cp);
        }
      }
    }
  }

  private static void unicodeEscape(int cp, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(cp >> 12) & 0xF])
        .append(HEX[(cp >> 8) & 0xF])
        .append(HEX[(cp >> 4) & 0xF])
        .append(HEX[cp & 0xF]);
  }

  /** Go encodes {@code []byte} as a standard, padded base64 string. */
  public static void bytes(byte[] data, StringBuilder out) {
    out.append('"').append(Base64.getEncoder().encodeToString(data)).append('"');
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
