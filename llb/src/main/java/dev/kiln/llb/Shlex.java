package dev.kiln.llb;

import java.util.ArrayList;
import java.util.List;

/**
 * POSIX-like word splitting for {@code run(shlex(...))}: blanks separate words, single quotes are
 * literal, backslash escapes the next character (also inside double quotes), {@code #} at the
 * start of a word begins a comment. Matches the splitter BuildKit's client uses.
 */
public final class Shlex {
  private Shlex() {}

  public static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '#' && !inWord) {
        while (i < s.length() && s.charAt(i) != '\n') i++;
      } else if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) throw new IllegalArgumentException("unterminated single quote in: " + s);
        word.append(s, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(s, i + 1, word);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= s.length()) throw new IllegalArgumentException("trailing backslash in: " + s);
        word.append(s.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) words.add(word.toString());
    return words;
  }

  private static int doubleQuoted(String s, int i, StringBuilder word) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') return i + 1;
      if (c == '\\') {
        if (i + 1 >= s.length()) break;
        word.append(s.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated double quote in: " + s);
  }
}
