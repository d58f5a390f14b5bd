package dev.kiln.dockerfile.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.dockerfile.parser.DockerfileParser;
import org.junit.jupiter.api.Test;

class InstructionsParserTest {

    private static ParsedDockerfile parse(String text) throws Exception {
        return InstructionsParser.parse(DockerfileParser.parseAndValidate(text));
    }

    @Test
    void typesStagesAndFlags() throws Exception {
        ParsedDockerfile df = parse("ARG V=1\nFROM --platform=linux/arm64 alpine AS Build\n"
                + "COPY --from=x --chown=1:2 --link a b /dst/\nHEALTHCHECK --interval=5s --retries=2 CMD true\n");
        assertThat(df.metaArgs()).hasSize(1);
        Stage st = df.stages().getFirst();
        assertThat(st.name()).isEqualTo("build");
        assertThat(st.platform()).isEqualTo("linux/arm64");
        Instruction.Copy copy = (Instruction.Copy) st.commands().getFirst();
        assertThat(copy.flags().from()).isEqualTo("x");
        assertThat(copy.flags().link()).isTrue();
        assertThat(copy.paths().sourcePaths()).containsExactly("a", "b");
        Instruction.Healthcheck hc = (Instruction.Healthcheck) st.commands().get(1);
        assertThat(hc.health().test()).containsExactly("CMD-SHELL", "true");
        assertThat(hc.health().interval()).isEqualTo(5_000_000_000L);
        assertThat(hc.health().retries()).isEqualTo(2);
    }

    @Test
    void rejectsBadFlagsWithLine() {
        assertThatThrownBy(() -> parse("FROM a\nRUN --network=bridge true\n"))
                .hasMessage("dockerfile parse error on line 2: unsupported network mode \"bridge\"");
        assertThatThrownBy(() -> parse("FROM a\nADD --from=b x y\n"))
                .hasMessage("dockerfile parse error on line 2: unknown flag: from");
        assertThatThrownBy(() -> parse("FROM a\nCOPY --chown a b\n"))
                .hasMessage("dockerfile parse error on line 2: missing a value on flag: chown");
        assertThatThrownBy(() -> parse("FROM a AS 1x\n"))
                .hasMessageContaining("invalid name for build stage");
        assertThatThrownBy(() -> parse("ENV A=1\nFROM a\n"))
                .hasMessage("no build stage in current context");
    }

    @Test
    void mountsAreParsedWithTheirDefaults() throws Exception {
        RunMount m = RunMountParser.parse("type=secret,id=tok,required", w -> w);
        assertThat(m.required()).isTrue();
        assertThat(m.readOnly()).isTrue();
        RunMount cache = RunMountParser.parse("type=cache,target=/c,sharing=locked,mode=0700", w -> w);
        assertThat(cache.readOnly()).isFalse();
        assertThat(cache.mode()).isEqualTo(0700L);
        assertThat(RunMountParser.parse("type=tmpfs,target=/t,size=64m", w -> w).sizeLimit()).isEqualTo(64L << 20);
        assertThatThrownBy(() -> RunMountParser.parse("type=bind,mode=0600,target=/x", w -> w))
                .hasMessageContaining("mode not allowed");
    }
}
