package dev.kiln.solver.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeyRecipeTest {
  @Test
  void theEncodingIsVersionedAndStable() {
    var recipe = new CacheKeyRecipe("sha256:op", 1, List.of(
        new InputComponent.ByKey(0, "", "sha256:a"),
        new InputComponent.ByContent(1, "/src", "sha256:c")));
    assertThat(recipe.encode()).isEqualTo("""
        kiln.cachekey.v0
        op 9:sha256:op
        output 1
        inputs 2
        input 0
        selector 0:
        key 8:sha256:a
        input 1
        selector 4:/src
        content 8:sha256:c
        """);
    // Pinned: changing the encoding must bump the namespace.
    assertThat(recipe.key()).isEqualTo(new CacheKeyRecipe("sha256:op", 1, recipe.inputs()).key())
        .startsWith("sha256:").hasSize(71);
  }

  @Test
  void lengthPrefixesKeepFieldBoundariesApart() {
    var a = new CacheKeyRecipe("op", 0, List.of(new InputComponent.ByKey(0, "a\nkey 1:b", "c")));
    var b = new CacheKeyRecipe("op", 0, List.of(new InputComponent.ByKey(0, "a", "b\nkey 1:c")));
    assertThat(a.key()).isNotEqualTo(b.key());
  }

  @Test
  void aKeyAndAContentDigestWithTheSameValueDiffer() {
    var byKey = new CacheKeyRecipe("op", 0, List.of(new InputComponent.ByKey(0, "", "sha256:x")));
    var byContent = new CacheKeyRecipe("op", 0, List.of(new InputComponent.ByContent(0, "", "sha256:x")));
    assertThat(byKey.key()).isNotEqualTo(byContent.key());
    assertThat(byContent.contentBased()).isTrue();
    assertThat(byKey.contentBased()).isFalse();
  }

  @Test
  void differencesAreDescribedPerComponent() {
    var before = new CacheKeyRecipe("sha256:op", 0, List.of(
        new InputComponent.ByKey(0, "", "sha256:k1"),
        new InputComponent.ByContent(1, "/app", "sha256:c1"),
        new InputComponent.ByKey(2, "/a", "sha256:k3")));
    var after = new CacheKeyRecipe("sha256:op2", 0, List.of(
        new InputComponent.ByKey(0, "", "sha256:k2"),
        new InputComponent.ByContent(1, "/app", "sha256:c2"),
        new InputComponent.ByKey(2, "/b", "sha256:k3")));
    assertThat(RecipeDiff.differences(before, after)).containsExactly(
        "op definition changed: sha256:op → sha256:op2",
        "input 0 changed (cache key sha256:k1 → sha256:k2)",
        "input 1 (/app) content changed: sha256:c1 → sha256:c2",
        "input 2 selector changed: '/a' → '/b'");
    assertThat(RecipeDiff.differences(before, before)).isEmpty();
  }

  @Test
  void aSourceWhoseKeyChangedIsCalledASource() {
    var before = new CacheKeyRecipe("sha256:ctx1", 0, List.of());
    var after = new CacheKeyRecipe("sha256:ctx2", 0, List.of());
    assertThat(RecipeDiff.differences(before, after)).containsExactly("source changed: sha256:ctx1 → sha256:ctx2");
  }
}
