package dev.kiln.dockerfile.instructions;

import dev.kiln.dockerfile.shell.ShellExpansionException;

/** Expands variables in one word with the environment of the instruction being converted. */
@FunctionalInterface
public interface WordExpander {
    String expand(String word) throws ShellExpansionException;
}
