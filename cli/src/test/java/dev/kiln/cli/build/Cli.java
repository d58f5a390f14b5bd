package dev.kiln.cli.build;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/** Runs {@code kiln} in-process with captured streams. */
record Cli(int exitCode, String out, String err) {
  static Cli run(byte[] stdin, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Method run = Class.forName("dev.kiln.cli.Main").getDeclaredMethod("run",
        java.io.InputStream.class, PrintStream.class, PrintStream.class, String[].class);
    run.setAccessible(true);
    int code = (int) run.invoke(null, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Cli run(String... args) throws Exception {
    return run(new byte[0], args);
  }
}
