package dev.kiln.registry.client;

import dev.kiln.registry.ImageRef;

/** What an action needs of a repository, as a token scope. */
enum Access {
  PULL("pull", "pull"),
  PUSH("push", "pull,push");

  private final String verb;
  private final String actions;

  Access(String verb, String actions) {
    this.verb = verb;
    this.actions = actions;
  }

  String verb() {
    return verb;
  }

  /** {@code repository:<name>:pull[,push]} (Docker token scope grammar). */
  String scope(ImageRef repo) {
    return "repository:" + repo.repository() + ":" + actions;
  }
}
