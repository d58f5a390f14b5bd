package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.image.Image;
import dev.kiln.dockerfile.instructions.GoDuration;
import dev.kiln.dockerfile.instructions.HealthConfig;
import dev.kiln.dockerfile.instructions.Instruction;
import dev.kiln.dockerfile.shell.ShellExpansionException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** What a container runs and exposes: CMD, ENTRYPOINT, HEALTHCHECK and EXPOSE. */
final class CommandInstructions {

    private CommandInstructions() {}

    static void cmd(StageState d, Instruction.Cmd c) {
        List<String> args = c.prependShell() ? withShell(d.image, c.cmdLine()) : c.cmdLine();
        d.image.config.cmd = new ArrayList<>(args);
        d.image.config.argsEscaped = true;
        d.cmdSet = true;
        Histories.config(d, "CMD " + GoFormat.quoteList(args));
    }

    static void entrypoint(StageState d, Instruction.Entrypoint c) {
        List<String> args = c.prependShell() ? withShell(d.image, c.cmdLine()) : c.cmdLine();
        d.image.config.entrypoint = new ArrayList<>(args);
        if (!d.cmdSet) {
            d.image.config.cmd = null;
        }
        Histories.config(d, "ENTRYPOINT " + GoFormat.quoteList(args));
    }

    /** Shell form: the image's SHELL (default {@code /bin/sh -c}) plus the words joined by spaces. */
    static List<String> withShell(Image img, List<String> args) {
        List<String> out = new ArrayList<>(img.config.shell != null && !img.config.shell.isEmpty()
                ? img.config.shell : defaultShell(img.os));
        out.add(String.join(" ", args));
        return out;
    }

    static List<String> defaultShell(String os) {
        return os.equals("windows") ? List.of("cmd", "/S", "/C") : List.of("/bin/sh", "-c");
    }

    static void healthcheck(StageState d, Instruction.Healthcheck c) {
        HealthConfig h = c.health();
        d.image.config.healthcheck = h;
        // Go prints the *HealthConfig with %q: durations through String(), retries as a rune.
        String printed = "&{" + GoFormat.quoteList(h.test()) + " " + GoFormat.quote(GoDuration.format(h.interval()))
                + " " + GoFormat.quote(GoDuration.format(h.timeout())) + " "
                + GoFormat.quote(GoDuration.format(h.startPeriod())) + " " + GoFormat.quoteRune(h.retries()) + "}";
        Histories.config(d, "HEALTHCHECK " + printed);
    }

    static void expose(StageState d, Instruction.Expose c, DispatchContext ctx) throws ConversionException {
        SortedSet<String> ports = new TreeSet<>();
        try {
            for (String p : c.ports()) {
                for (String word : ctx.lexer().processWords(p, StepNames.envMap(d.state.env()))) {
                    ports.addAll(PortSpecs.parse(word));
                }
            }
        } catch (ShellExpansionException | IllegalArgumentException e) {
            throw Errors.at(c.origin(), e.getMessage(), e);
        }
        if (d.image.config.exposedPorts == null) {
            d.image.config.exposedPorts = new TreeSet<>();
        }
        d.image.config.exposedPorts.addAll(ports);
        Histories.config(d, "EXPOSE " + GoFormat.set(ports));
    }
}
