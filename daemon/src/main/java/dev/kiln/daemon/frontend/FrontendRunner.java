package dev.kiln.daemon.frontend;

import dev.kiln.engine.source.LocalDirs;
import dev.kiln.llb.frontend.Frontend;
import dev.kiln.llb.frontend.FrontendException;
import dev.kiln.llb.frontend.FrontendResult;
import dev.kiln.llb.frontend.ImageMetaResolver;
import java.util.Map;

/** Runs a named frontend in-process against the client's files. */
public final class FrontendRunner {
  private FrontendRunner() {}

  /** A frontend failure a client can act on: an unknown name or an invalid definition file. */
  public static final class FrontendFailure extends Exception {
    public FrontendFailure(String message, Throwable cause) {
      super(message, cause);
    }

    /** Where in the definition file the frontend found the problem, when it said. */
    public java.util.Optional<dev.kiln.llb.SourceLocation> location() {
      return getCause() instanceof FrontendException e ? e.location() : java.util.Optional.empty();
    }
  }

  public static FrontendResult run(String name, Map<String, String> attrs, LocalDirs locals, String sessionId,
      ImageMetaResolver images) throws FrontendFailure {
    Frontend frontend = Frontends.named(name).orElseThrow(() ->
        new FrontendFailure("unknown frontend '" + name + "' (kilnd runs dockerfile.v0)", null));
    var context = new SessionFrontendContext(attrs, locals, new ClientLayoutResolver(images, locals), sessionId);
    try {
      return frontend.build(context);
    } catch (FrontendException e) {
      throw new FrontendFailure(e.getMessage(), e);
    }
  }
}
