package dev.kiln.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
  @Test
  void parsesDockerHubBearer() {
    List<Challenge> cs = Challenge.parse(
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"");
    assertThat(cs).containsExactly(new Challenge("bearer", Map.of(
        "realm", "https://auth.docker.io/token", "service", "registry.docker.io",
        "scope", "repository:library/alpine:pull")));
  }

  @Test
  void parsesBasicWithSpacesAndMixedCase() {
    List<Challenge> cs = Challenge.parse("basic  Realm = \"Registry Realm\" ");
    assertThat(cs).hasSize(1);
    assertThat(cs.getFirst().isBasic()).isTrue();
    assertThat(cs.getFirst().param("realm")).contains("Registry Realm");
  }

  @Test
  void parsesSeveralChallengesInOneHeaderAndScopesWithCommas() {
    List<Challenge> cs = Challenge.parse(
        "Basic realm=\"r\", Bearer realm=\"https://t/token\",scope=\"repository:a:pull,push repository:b:pull\", error=insufficient_scope");
    assertThat(cs).extracting(Challenge::scheme).containsExactly("basic", "bearer");
    assertThat(cs.get(1).param("scope")).contains("repository:a:pull,push repository:b:pull");
    assertThat(cs.get(1).param("error")).contains("insufficient_scope");
  }

  @Test
  void unquotesEscapes() {
    assertThat(Challenge.parse("Bearer realm=\"a\\\"b\"").getFirst().param("realm")).contains("a\"b");
  }

  @Test
  void toleratesGarbage() {
    assertThat(Challenge.parse("")).isEmpty();
    assertThat(Challenge.parse("=,=")).isEmpty();
    assertThat(Challenge.parseAll(List.of("Bearer", "Basic realm=x"))).extracting(Challenge::scheme)
        .containsExactly("bearer", "basic");
  }
}
