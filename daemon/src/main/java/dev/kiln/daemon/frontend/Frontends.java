package dev.kiln.daemon.frontend;

import dev.kiln.dockerfile.convert.DockerfileFrontend;
import dev.kiln.llb.frontend.Frontend;
import java.util.Map;
import java.util.Optional;

/** Frontends the daemon runs in-process, by the name clients put in {@code SolveRequest.Frontend}. */
public final class Frontends {
  private static final Map<String, Frontend> BY_NAME = Map.of(DockerfileFrontend.NAME, new DockerfileFrontend());

  private Frontends() {}

  public static Optional<Frontend> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
