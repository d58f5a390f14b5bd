package dev.kiln.dockerfile.instructions;

import dev.kiln.dockerfile.parser.Heredoc;
import dev.kiln.dockerfile.parser.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One parse function per instruction: flags declared and checked, arguments shaped. */
final class CommandParsers {

    private CommandParsers() {}

    static Origin origin(Node node) {
        return new Origin(node.original(), node.startLine(), node.endLine());
    }

    static Instruction parse(Node node) throws Flags.FlagException {
        Origin o = origin(node);
        List<String> w = node.words();
        return switch (node.command()) {
            case "env" -> new Instruction.Env(keyValues(node), noFlags(node, o));
            case "label" -> new Instruction.Label(keyValues(node), noFlags(node, o));
            case "arg" -> new Instruction.Arg(args(w), noFlags(node, o));
            case "run" -> run(node, o);
            case "copy" -> copy(node, o, false);
            case "add" -> copy(node, o, true);
            case "workdir" -> new Instruction.Workdir(w.getFirst(), noFlags(node, o));
            case "user" -> new Instruction.User(w.getFirst(), noFlags(node, o));
            case "expose" -> new Instruction.Expose(w, noFlags(node, o));
            case "volume" -> new Instruction.Volume(volumes(w), noFlags(node, o));
            case "cmd" -> new Instruction.Cmd(w, !node.json(), noFlags(node, o));
            case "entrypoint" -> new Instruction.Entrypoint(w, !node.json(), noFlags(node, o));
            case "healthcheck" -> HealthcheckParser.parse(node, o);
            case "stopsignal" -> new Instruction.StopSignal(w.getFirst(), noFlags(node, o));
            case "onbuild" -> new Instruction.Onbuild(node.trigger().orElseThrow().original(), noFlags(node, o));
            case "maintainer" -> new Instruction.Maintainer(w.getFirst(), noFlags(node, o));
            case "shell" -> new Instruction.Shell(w, noFlags(node, o));
            default -> throw new IllegalArgumentException("unknown instruction: " + node.name());
        };
    }

    /** Checks that no flag was given; returns {@code o} for chaining. */
    private static Origin noFlags(Node node, Origin o) throws Flags.FlagException {
        new Flags().parse(node.flags());
        return o;
    }

    private static List<KeyValue> keyValues(Node node) {
        return node.keyValues().stream().map(kv -> new KeyValue(kv.key(), kv.value(), kv.separator().isEmpty())).toList();
    }

    private static List<ArgDecl> args(List<String> words) {
        List<ArgDecl> out = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq == 0) {
                throw new IllegalArgumentException("ARG names can not be blank");
            }
            out.add(eq < 0 ? new ArgDecl(word, null) : new ArgDecl(word.substring(0, eq), word.substring(eq + 1)));
        }
        return out;
    }

    private static List<String> volumes(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String v : words) {
            String trimmed = v.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("VOLUME specified can not be an empty string");
            }
            out.add(trimmed);
        }
        return out;
    }

    private static Instruction run(Node node, Origin o) throws Flags.FlagException {
        Flags f = new Flags().strings("mount").string("network").string("security").parse(node.flags());
        String network = f.value("network");
        if (!network.isEmpty() && !List.of("none", "host", "default").contains(network)) {
            throw new IllegalArgumentException("unsupported network mode \"" + network + "\"");
        }
        String security = f.value("security");
        if (!security.isEmpty() && !List.of("sandbox", "insecure").contains(security)) {
            throw new IllegalArgumentException("unsupported security mode \"" + security + "\"");
        }
        for (String mount : f.values("mount")) {
            RunMountParser.checkShape(mount); // shape check now; values are expanded when the RUN runs
        }
        return new Instruction.Run(node.words(), !node.json(), node.heredocs(), f.values("mount"), network, security, o);
    }

    private static Instruction copy(Node node, Origin o, boolean add) throws Flags.FlagException {
        Flags f = new Flags().string("chown").string("chmod").bool("link").strings("exclude");
        if (add) {
            f.bool("keep-git-dir").string("checksum");
        } else {
            f.string("from").bool("parents");
        }
        f.parse(node.flags());
        CopyFlags flags = new CopyFlags(f.value("from"), f.value("chown"), f.value("chmod"), f.isTrue("link"),
                f.isTrue("parents"), f.values("exclude"), f.value("checksum"), f.isTrue("keep-git-dir"));
        return new Instruction.Copy(add, sourcesAndDest(node, add ? "ADD" : "COPY"), flags, o);
    }

    private static SourcesAndDest sourcesAndDest(Node node, String command) {
        List<String> words = node.words();
        String dest = words.getLast();
        if (Heredoc.fromWord(dest).isPresent()) {
            throw new IllegalArgumentException(command + " cannot accept a heredoc as a destination");
        }
        List<String> paths = new ArrayList<>();
        List<SourceContent> contents = new ArrayList<>();
        for (String src : words.subList(0, words.size() - 1)) {
            Optional<Heredoc> marker = node.json() ? Optional.empty() : Heredoc.fromWord(src);
            if (marker.isPresent()) {
                Heredoc doc = node.heredocs().stream().filter(h -> h.name().equals(marker.get().name()))
                        .findFirst().orElse(marker.get());
                contents.add(new SourceContent(doc.name(), doc.effectiveContent(), doc.expand()));
            } else {
                paths.add(src);
            }
        }
        return new SourcesAndDest(paths, contents, dest);
    }
}
