package dev.kiln.daemon.frontend;

import dev.kiln.dockerfile.convert.DockerfileFrontend;
import dev.kiln.llb.frontend.Frontend;
import dev.kiln.llb.frontend.ImageMetaResolver;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Frontends the daemon runs in-process, by the name clients put in {@code SolveRequest.Frontend}. */
public final class Frontends {
  private static final Map<String, Frontend> BY_NAME = Map.of(DockerfileFrontend.NAME, new DockerfileFrontend());

  /** Until the docker-image source lands: FROM anything but scratch fails with this. */
  public static final ImageMetaResolver NO_IMAGES = (ref, platform, mode) -> {
    throw new IOException("cannot resolve image '" + ref + "': pulling images is not available in kilnd yet (use FROM scratch)");
  };

  private Frontends() {}

  public static Optional<Frontend> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
