package dev.kiln.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams a command uses; injected so tests can run commands in-process. */
record Stdio(InputStream in, PrintStream out, PrintStream err) {
  static Stdio system() {
    return new Stdio(System.in, System.out, System.err);
  }
}
