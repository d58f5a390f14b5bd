package dev.kiln.dockerfile.instructions;

import dev.kiln.dockerfile.parser.Heredoc;
import java.util.List;

/** One instruction of a build stage, typed and with its flags checked (BuildKit's {@code instructions}). */
public sealed interface Instruction {

    Origin origin();

    /** ENV: the values are expanded when the instruction runs. */
    record Env(List<KeyValue> pairs, Origin origin) implements Instruction {
        public Env {
            pairs = List.copyOf(pairs);
        }
    }

    record Label(List<KeyValue> pairs, Origin origin) implements Instruction {
        public Label {
            pairs = List.copyOf(pairs);
        }
    }

    record Arg(List<ArgDecl> args, Origin origin) implements Instruction {
        public Arg {
            args = List.copyOf(args);
        }
    }

    /**
     * RUN.
     *
     * @param prependShell shell form: the words are joined and run by the stage's shell
     * @param files        here-documents opened on the RUN line
     * @param mounts       raw {@code --mount} values, parsed once variables can be expanded
     * @param network      {@code --network} value, empty when absent
     * @param security     {@code --security} value, empty when absent
     */
    record Run(List<String> cmdLine, boolean prependShell, List<Heredoc> files, List<String> mounts, String network,
            String security, Origin origin) implements Instruction {
        public Run {
            cmdLine = List.copyOf(cmdLine);
            files = List.copyOf(files);
            mounts = List.copyOf(mounts);
        }
    }

    /** COPY ({@code add == false}) or ADD; flags that the other instruction lacks are empty/false. */
    record Copy(boolean add, SourcesAndDest paths, CopyFlags flags, Origin origin) implements Instruction {}

    record Workdir(String path, Origin origin) implements Instruction {}

    record User(String user, Origin origin) implements Instruction {}

    record Expose(List<String> ports, Origin origin) implements Instruction {
        public Expose {
            ports = List.copyOf(ports);
        }
    }

    record Volume(List<String> volumes, Origin origin) implements Instruction {
        public Volume {
            volumes = List.copyOf(volumes);
        }
    }

    record Cmd(List<String> cmdLine, boolean prependShell, Origin origin) implements Instruction {
        public Cmd {
            cmdLine = List.copyOf(cmdLine);
        }
    }

    record Entrypoint(List<String> cmdLine, boolean prependShell, Origin origin) implements Instruction {
        public Entrypoint {
            cmdLine = List.copyOf(cmdLine);
        }
    }

    record Healthcheck(HealthConfig health, Origin origin) implements Instruction {}

    record StopSignal(String signal, Origin origin) implements Instruction {}

    /** ONBUILD: {@code expression} is the trigger instruction's text. */
    record Onbuild(String expression, Origin origin) implements Instruction {}

    record Maintainer(String maintainer, Origin origin) implements Instruction {}

    record Shell(List<String> shell, Origin origin) implements Instruction {
        public Shell {
            shell = List.copyOf(shell);
        }
    }
}
