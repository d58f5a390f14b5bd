package dev.kiln.cli.progress;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code --progress} values, as buildctl and buildx accept them. */
public enum ProgressMode {
  /** TTY when stderr is a terminal, otherwise plain. */
  AUTO,
  /** Live display redrawn in place. */
  TTY,
  /** Append-only text, one {@code #N} line per event. */
  PLAIN,
  /** One JSON {@code SolveStatus} per line. */
  RAWJSON,
  /** No output; logs are kept for the failure summary. */
  QUIET;

  /** Parses a flag value; the message lists the valid values so a person can fix the flag. */
  public static ProgressMode parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      return AUTO;
    }
    for (ProgressMode m : values()) {
      if (m.flagValue().equals(v)) {
        return m;
      }
    }
    String valid = Arrays.stream(values()).map(ProgressMode::flagValue).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("invalid progress mode \"" + value + "\" (valid: " + valid + ")");
  }

  /** The spelling used on the command line. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** AUTO resolved against whether the progress stream is a terminal. */
  public ProgressMode resolve(boolean isTty) {
    return this == AUTO ? (isTty ? TTY : PLAIN) : this;
  }
}
