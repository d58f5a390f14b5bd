package dev.kiln.dockerfile.convert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** All stage states of a conversion, in declaration order, plus the named ones by name. */
final class Stages {
    private final List<StageState> states = new ArrayList<>();
    private final Map<String, StageState> byName = new HashMap<>();

    /** Adds a state; a stage whose base name is an earlier stage's name builds on that stage. */
    void add(StageState s) {
        states.add(s);
        StageState base = byName.get(s.baseName);
        if (base != null) {
            s.base = base;
        }
        if (!s.stage.name().isEmpty()) {
            byName.put(s.stage.name().toLowerCase(Locale.ROOT), s);
        }
    }

    Optional<StageState> byName(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    StageState byIndex(int index) throws ConversionException {
        if (index < 0 || index >= states.size()) {
            throw new ConversionException("invalid stage index " + index);
        }
        return states.get(index);
    }

    List<StageState> all() {
        return states;
    }

    StageState last() {
        return states.getLast();
    }

    List<String> names() {
        return states.stream().map(s -> s.stageName).filter(n -> n != null && !n.isEmpty()).toList();
    }
}
