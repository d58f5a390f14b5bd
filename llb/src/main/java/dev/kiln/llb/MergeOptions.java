package dev.kiln.llb;

/** Options of {@link State#merge} and {@link State#diff}. */
public final class MergeOptions extends OpOptions<MergeOptions> {
  MergeOptions() {}
}
