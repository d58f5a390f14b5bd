package dev.kiln.dockerfile.fuzz;

import dev.kiln.dockerfile.convert.Conversion;
import dev.kiln.dockerfile.convert.ConversionException;
import dev.kiln.dockerfile.convert.ConvertOptions;
import dev.kiln.dockerfile.convert.DockerfileConverter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs parse + validate + convert + marshal on one input and judges the outcome: success, or a
 * {@link ConversionException} with a message and a line inside the file (whole-file errors
 * excepted). Anything else — an unchecked exception, an error, a hang — is a bug and fails.
 */
final class FuzzHarness {

    /** Generous: a conversion takes milliseconds; only a loop runs into this. */
    private static final long TIMEOUT_MS = 10_000;

    /** Errors about the whole file or the options, which have no line to name. */
    private static final List<String> WHOLE_FILE = List.of("the Dockerfile cannot be empty",
            "dockerfile contains no stages to build", "target stage ");

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-worker");
        t.setDaemon(true);
        return t;
    });

    private FuzzHarness() {}

    /** Checks one input; returns {@code converted} or {@code rejected} for the run's statistics. */
    static String check(String dockerfile, ConvertOptions options) {
        byte[] bytes = dockerfile.getBytes(StandardCharsets.UTF_8);
        Future<String> run = WORKER.submit(() -> convertOnce(dockerfile, bytes, options));
        try {
            return run.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("conversion did not finish in " + TIMEOUT_MS + " ms:\n" + dockerfile);
        } catch (ExecutionException e) {
            throw new AssertionError("conversion crashed on:\n" + dockerfile, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String convertOnce(String text, byte[] bytes, ConvertOptions options) {
        try {
            Conversion c = DockerfileConverter.convert(bytes, options);
            c.definition("fuzz");
            return "converted";
        } catch (ConversionException e) {
            judge(text, e);
            String m = e.getMessage().replaceAll("[\"'(:].*", "");
            return "rejected: " + m.substring(0, Math.min(40, m.length()));
        }
    }

    private static void judge(String text, ConversionException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            throw new AssertionError("error without a message", e);
        }
        if (WHOLE_FILE.stream().anyMatch(message::startsWith)) {
            return;
        }
        long lines = text.lines().count() + 1;
        if (!e.hasLocation() || e.startLine() > lines || e.endLine() > lines) {
            throw new AssertionError("error without a line inside the file (" + e.startLine() + "-" + e.endLine()
                    + " of " + lines + "): " + message, e);
        }
    }
}
