package dev.kiln.dockerfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the shared BuildKit conformance data, read in place. */
public final class Conformance {

    private Conformance() {}

    public static Path testdata() {
        String shared = System.getProperty("kiln.shared");
        if (shared == null) {
            throw new IllegalStateException("system property kiln.shared is not set");
        }
        Path dir = Path.of(shared, "conformance", "buildkit-testdata");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("conformance data missing: " + dir);
        }
        return dir;
    }

    /** The case directories directly under {@code testdata/<suite>}, sorted by name. */
    public static List<Path> caseDirectories(String suite) {
        try (Stream<Path> dirs = Files.list(testdata().resolve(suite))) {
            List<Path> cases = dirs.filter(Files::isDirectory).sorted().toList();
            if (cases.isEmpty()) {
                throw new IllegalStateException("no cases in " + suite);
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
