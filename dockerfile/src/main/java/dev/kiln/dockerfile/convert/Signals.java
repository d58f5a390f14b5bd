package dev.kiln.dockerfile.convert;

import java.util.Locale;
import java.util.Set;

/** STOPSIGNAL values Docker accepts on Linux: a number or a signal name, {@code SIG} optional. */
final class Signals {

    private static final Set<String> NAMES = Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP",
            "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS",
            "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "UNUSED", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ");

    private Signals() {}

    static boolean isValid(String signal) {
        if (!signal.isEmpty() && signal.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(signal) > 0;
        }
        String name = signal.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        return NAMES.contains(name) || name.matches("RTMIN(\\+([1-9]|1[0-5]))?|RTMAX(-([1-9]|1[0-4]))?");
    }
}
