package dev.kiln.engine.executor.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.executor.ExecSetupException;
import dev.kiln.engine.executor.oci.UserLookup.ResolvedUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserLookupTest {
  @TempDir Path root;

  @BeforeEach
  void writeDatabases() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), """
        root:x:0:0:root:/root:/bin/sh
        # a comment
        app:x:1000:1001::/home/app:/bin/sh
        """);
    Files.writeString(root.resolve("etc/group"), """
        root:x:0:
        app:x:1001:
        docker:x:2000:other,app
        audio:x:2001:app
        """);
  }

  @Test
  void emptyIsRoot() throws Exception {
    assertThat(UserLookup.lookup(root, "")).isEqualTo(new ResolvedUser(0, 0, List.of()));
  }

  @Test
  void nameGetsPrimaryAndMemberGroups() throws Exception {
    assertThat(UserLookup.lookup(root, "app"))
        .isEqualTo(new ResolvedUser(1000, 1001, List.of(2000L, 2001L)));
  }

  @Test
  void knownUidBehavesLikeItsName() throws Exception {
    assertThat(UserLookup.lookup(root, "1000"))
        .isEqualTo(new ResolvedUser(1000, 1001, List.of(2000L, 2001L)));
  }

  @Test
  void unknownUidIsUsedAsIsWithGroupRoot() throws Exception {
    assertThat(UserLookup.lookup(root, "4242")).isEqualTo(new ResolvedUser(4242, 0, List.of()));
  }

  @Test
  void numericPairNeedsNoFiles() throws Exception {
    assertThat(UserLookup.lookup(root.resolve("missing"), "5:6"))
        .isEqualTo(new ResolvedUser(5, 6, List.of()));
  }

  @Test
  void explicitGroupReplacesMembership() throws Exception {
    assertThat(UserLookup.lookup(root, "app:docker"))
        .isEqualTo(new ResolvedUser(1000, 2000, List.of()));
    assertThat(UserLookup.lookup(root, "4242:audio"))
        .isEqualTo(new ResolvedUser(4242, 2001, List.of()));
    assertThat(UserLookup.lookup(root, "app:77")).isEqualTo(new ResolvedUser(1000, 77, List.of()));
  }

  @Test
  void unknownNamesAreErrors() {
    assertThatThrownBy(() -> UserLookup.lookup(root, "ghost"))
        .isInstanceOf(ExecSetupException.class)
        .hasMessage("unable to find user ghost: no matching entries in passwd file");
    assertThatThrownBy(() -> UserLookup.lookup(root, "app:ghosts"))
        .isInstanceOf(ExecSetupException.class)
        .hasMessage("unable to find group ghosts: no matching entries in group file");
  }

  @Test
  void missingPasswdMakesEveryNameUnknown() {
    assertThatThrownBy(() -> UserLookup.lookup(root.resolve("empty"), "root"))
        .isInstanceOf(ExecSetupException.class)
        .hasMessageContaining("unable to find user root");
  }

  @Test
  void passwdSymlinkCannotEscapeTheRoot() throws Exception {
    Path other = Files.createDirectories(root.resolve("other/etc"));
    Files.writeString(other.resolve("passwd"), "evil:x:7:7::/:/bin/sh\n");
    Path inner = Files.createDirectories(root.resolve("inner/etc"));
    Files.createSymbolicLink(inner.resolve("passwd"), Path.of("/other/etc/passwd"));
    assertThat(UserLookup.lookup(root.resolve("inner"), "1000:1000")).isNotNull();
    assertThatThrownBy(() -> UserLookup.lookup(root.resolve("inner"), "evil"))
        .isInstanceOf(ExecSetupException.class); // "/other" is resolved inside inner, not root
  }
}
