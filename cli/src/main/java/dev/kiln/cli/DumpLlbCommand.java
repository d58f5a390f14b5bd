package dev.kiln.cli;

import dev.kiln.llb.dump.DecodedDefinition;
import dev.kiln.llb.dump.DefinitionException;
import dev.kiln.llb.dump.DefinitionReader;
import dev.kiln.llb.dump.DotDump;
import dev.kiln.llb.dump.JsonDump;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln debug dump-llb}: prints an LLB definition like {@code buildctl debug dump-llb}. */
@Command(
    name = "dump-llb",
    mixinStandardHelpOptions = true,
    description = {
      "Dump LLB in human-readable form: one JSON object per op, or a Graphviz graph.",
      "Reads FILE, or standard input when FILE is absent or '-'."
    })
final class DumpLlbCommand implements Callable<Integer> {
  private final Stdio stdio;

  @Option(names = "--dot", description = "Print Graphviz DOT instead of JSON.")
  boolean dot;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "Marshalled pb.Definition.")
  String file;

  DumpLlbCommand(Stdio stdio) {
    this.stdio = stdio;
  }

  @Override
  public Integer call() {
    try {
      DecodedDefinition definition = DefinitionReader.read(readInput());
      String text = dot ? DotDump.render(definition) : JsonDump.render(definition);
      stdio.out().write(text.getBytes(StandardCharsets.UTF_8));
      stdio.out().flush();
      return 0;
    } catch (DefinitionException e) {
      return fail(e.getMessage());
    } catch (IOException e) {
      return fail(describe(e));
    }
  }

  private byte[] readInput() throws IOException {
    if (file == null || file.equals("-")) {
      return stdio.in().readAllBytes();
    }
    return Files.readAllBytes(Path.of(file));
  }

  private String describe(IOException e) {
    String source = file == null || file.equals("-") ? "standard input" : file;
    String reason =
        switch (e) {
          case NoSuchFileException _ -> "no such file";
          case AccessDeniedException _ -> "permission denied";
          default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    return "cannot read " + source + ": " + reason;
  }

  private int fail(String message) {
    stdio.err().println("kiln: error: " + message);
    return 1;
  }
}
