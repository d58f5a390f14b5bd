package dev.kiln.engine.snapshot.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPointLayersTest {
  @TempDir Path root;

  @Test
  void aLayerATwinAlreadyPutInPlaceWins() throws Exception {
    Path layer = Files.createDirectories(root.resolve("layer/etc"));
    Files.createFile(layer.resolve("hosts"));
    Path tmp = Files.createDirectories(root.resolve(".new-1/etc"));
    Files.createFile(tmp.resolve("hosts"));

    MountPointLayers.moveIntoPlace(root.resolve(".new-1"), root.resolve("layer"));

    assertThat(root.resolve(".new-1")).doesNotExist();
    assertThat(layer.resolve("hosts")).isRegularFile();
  }

  @Test
  void aFailureWithNoLayerInPlaceIsReported() throws Exception {
    Path tmp = Files.createDirectories(root.resolve(".new-1"));
    assertThatThrownBy(() -> MountPointLayers.moveIntoPlace(tmp, root.resolve("missing/layer")))
        .isInstanceOf(FileSystemException.class);
    assertThat(tmp).isDirectory();
  }

  @Test
  void theSameNeedOnTheSameLayersGetsTheSameLayerAndARemovedOneIsMadeAgain() throws Exception {
    Path lower = Files.createDirectories(root.resolve("base/fs/etc"));
    Files.createFile(lower.resolve("passwd"));
    MountPointLayers layers = new MountPointLayers(root.resolve("mount-points"));
    var needs = java.util.List.of("/etc/hosts", "/etc/passwd");
    Path layer = layers.layerFor(java.util.List.of(root.resolve("base/fs")), needs).orElseThrow();
    assertThat(layer.resolve("etc/hosts")).isEmptyFile();
    assertThat(layer.resolve("etc/passwd")).doesNotExist();
    assertThat(layers.layerFor(java.util.List.of(root.resolve("base/fs")), needs)).contains(layer);

    dev.kiln.engine.fs.Trees.deleteRecursively(root.resolve("mount-points"));
    assertThat(layers.layerFor(java.util.List.of(root.resolve("base/fs")), needs)).contains(layer);
    assertThat(layer.resolve("etc/hosts")).isEmptyFile();
  }

  @Test
  void nothingMissingIsRememberedAsNoLayer() throws Exception {
    Path lower = Files.createDirectories(root.resolve("base/fs/etc"));
    Files.createFile(lower.resolve("hosts"));
    MountPointLayers layers = new MountPointLayers(root.resolve("mount-points"));
    var base = java.util.List.of(root.resolve("base/fs"));
    assertThat(layers.layerFor(base, java.util.List.of("/etc/hosts"))).isEmpty();
    assertThat(layers.layerFor(base, java.util.List.of("/etc/hosts"))).isEmpty();
    assertThat(root.resolve("mount-points")).doesNotExist();
  }
}
