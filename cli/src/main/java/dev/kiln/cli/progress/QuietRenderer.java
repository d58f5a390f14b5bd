package dev.kiln.cli.progress;

import dev.kiln.proto.control.StatusResponse;

/** {@code --progress=quiet}: prints nothing; the model still keeps logs for the failure summary. */
record QuietRenderer() implements Renderer {
  @Override
  public void onUpdate(StatusResponse raw, Update update) {}

  @Override
  public void close(Update rest, Snapshot end) {}
}
