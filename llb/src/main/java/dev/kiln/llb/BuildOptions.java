package dev.kiln.llb;

/** Options of {@link State#buildLlb}: where the nested definition lives in the input. */
public final class BuildOptions extends OpOptions<BuildOptions> {
  String filename = "";

  BuildOptions() {}

  public BuildOptions filename(String name) {
    this.filename = name;
    return this;
  }
}
