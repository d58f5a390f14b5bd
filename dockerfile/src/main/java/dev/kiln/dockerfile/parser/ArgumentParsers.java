package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Argument shapes shared by several instructions. */
final class ArgumentParsers {

    private ArgumentParsers() {}

    /** JSON array, else the whole rest as one shell-form argument (RUN, CMD, ENTRYPOINT, SHELL). */
    static ParsedArguments jsonOrShell(String rest) throws InstructionSyntaxException {
        if (rest.isEmpty()) {
            return ParsedArguments.NONE;
        }
        return switch (JsonArray.parse(rest)) {
            case JsonArray.Strings(List<String> values) -> ParsedArguments.jsonWords(values);
            case JsonArray.NotStrings() -> throw notStrings();
            case JsonArray.Invalid() -> ParsedArguments.words(List.of(rest));
        };
    }

    /** JSON array, else white-space separated words (ADD, COPY, VOLUME). */
    static ParsedArguments jsonOrWords(String rest) throws InstructionSyntaxException {
        return switch (JsonArray.parse(rest)) {
            case JsonArray.Strings(List<String> values) -> ParsedArguments.jsonWords(values);
            case JsonArray.NotStrings() -> throw notStrings();
            case JsonArray.Invalid() -> blankSeparated(rest);
        };
    }

    /** Words separated by blanks; quotes mean nothing here (FROM, EXPOSE). */
    static ParsedArguments blankSeparated(String rest) {
        if (rest.isEmpty()) {
            return ParsedArguments.NONE;
        }
        return ParsedArguments.words(Arrays.asList(NameValueParser.BLANKS.split(rest, -1)));
    }

    /** The whole rest as a single argument (USER, WORKDIR, STOPSIGNAL, MAINTAINER). */
    static ParsedArguments wholeRest(String rest) {
        return rest.isEmpty() ? ParsedArguments.NONE : ParsedArguments.words(List.of(rest));
    }

    /** HEALTHCHECK: a type word (CMD, NONE, ...) followed by a JSON-or-shell command. */
    static ParsedArguments healthcheck(String rest) throws InstructionSyntaxException {
        int typeEnd = 0;
        while (typeEnd < rest.length() && !Text.isSpace(rest.charAt(typeEnd))) {
            typeEnd++;
        }
        if (typeEnd == 0) {
            return ParsedArguments.NONE;
        }
        int commandStart = typeEnd;
        while (commandStart < rest.length() && Text.isSpace(rest.charAt(commandStart))) {
            commandStart++;
        }
        ParsedArguments command = jsonOrShell(rest.substring(commandStart));
        List<Argument> arguments = new ArrayList<>();
        arguments.add(new Argument.Text(rest.substring(0, typeEnd)));
        arguments.addAll(command.arguments());
        return new ParsedArguments(arguments, command.json());
    }

    private static InstructionSyntaxException notStrings() {
        return new InstructionSyntaxException("when using JSON array syntax, arrays must be comprised of strings only");
    }
}
