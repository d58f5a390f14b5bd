package dev.kiln.llb.dump;

/**
 * Go's {@code %q} for strings (strconv.Quote), which buildctl uses for DOT ids and labels: a
 * double-quoted string with backslash escapes for quotes, backslashes and non-printable
 * characters. Printable non-ASCII is kept as is.
 */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> escape(cp, out));
    return out.append('"').toString();
  }

  private static void escape(int cp, StringBuilder out) {
    switch (cp) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0B -> out.append("\\v");
      default -> {
        if (cp < 0x20 || cp == 0x7F) {
          out.append("\\x%02x".formatted(cp));
        } else if (isPrintable(cp)) {
          out.appendCodePoint(cp);
        } else if (cp <= 0xFFFF) {
          out.append("\\u%04x".formatted(cp));
        } else {
          out.append("\\U%08x".formatted(cp));
        }
      }
    }
  }

  private static boolean isPrintable(int cp) {
    if (cp < 0x80) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      case Character.SPACE_SEPARATOR -> false; // Go treats only U+0020 as a printable space
      default -> true;
    };
  }
}
