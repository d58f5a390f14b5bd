package dev.kiln.cli.progress;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a VT100 to check in-place redraws: text, newline, carriage return, cursor up
 * ({@code ESC[nA}), erase line ({@code ESC[K}) and erase below ({@code ESC[J}); colours and cursor
 * visibility are ignored, so {@link #screen()} is the frame with ANSI stripped.
 */
final class FakeTerminal extends OutputStream {
  private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
  private final StringBuilder pending = new StringBuilder();
  private int row;
  private int col;

  PrintStream stream() {
    return new PrintStream(this, true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) {
    pending.append((char) b); // test frames are ASCII
    if (pending.charAt(0) != '\u001b') {
      put(pending.charAt(0));
      pending.setLength(0);
    } else if (pending.length() > 1 && Character.isLetter(b)) {
      escape(pending.substring(2, pending.length() - 1), (char) b);
      pending.setLength(0);
    }
  }

  private void put(char c) {
    switch (c) {
      case '\n' -> {
        row++;
        col = 0;
        while (rows.size() <= row) {
          rows.add(new StringBuilder());
        }
      }
      case '\r' -> col = 0;
      default -> {
        StringBuilder line = rows.get(row);
        while (line.length() < col) {
          line.append(' ');
        }
        if (col < line.length()) {
          line.setCharAt(col, c);
        } else {
          line.append(c);
        }
        col++;
      }
    }
  }

  private void escape(String arg, char command) {
    switch (command) {
      case 'A' -> row = Math.max(0, row - (arg.isEmpty() ? 1 : Integer.parseInt(arg)));
      case 'K' -> rows.get(row).setLength(Math.min(col, rows.get(row).length()));
      case 'J' -> {
        rows.get(row).setLength(Math.min(col, rows.get(row).length()));
        while (rows.size() > row + 1) {
          rows.removeLast();
        }
      }
      default -> {} // colours, cursor visibility
    }
  }

  /** The screen's rows, trailing blanks trimmed, the empty row under the cursor dropped. */
  List<String> screen() {
    List<String> out = new ArrayList<>(rows.stream().map(r -> r.toString().stripTrailing()).toList());
    while (!out.isEmpty() && out.getLast().isEmpty()) {
      out.removeLast();
    }
    return out;
  }
}
