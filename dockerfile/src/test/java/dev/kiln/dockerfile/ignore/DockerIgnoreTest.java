package dev.kiln.dockerfile.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

    @Test
    void readsPatternsLikeDocker() {
        assertThat(DockerIgnore.parse("# c\n  node_modules/ \n\n/build\n!build/keep\n./a/../b\n*.log"))
                .containsExactly("node_modules", "build", "!build/keep", "b", "*.log");
    }
}
