package dev.kiln.dockerfile.parser;

import java.util.List;

/** What a line parser produced: the arguments, and whether they came from JSON. */
record ParsedArguments(List<Argument> arguments, boolean json) {

    static final ParsedArguments NONE = new ParsedArguments(List.of(), false);

    static ParsedArguments words(List<String> words) {
        return new ParsedArguments(words.stream().<Argument>map(Argument.Text::new).toList(), false);
    }

    static ParsedArguments jsonWords(List<String> words) {
        return new ParsedArguments(words.stream().<Argument>map(Argument.Text::new).toList(), true);
    }
}
