package dev.kiln.dockerfile.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets each fuzz property's tries from {@code -Dkiln.fuzz.tries} (the total over all fuzz
 * properties, default {@value #DEFAULT_TOTAL}), shared out evenly, so the default run stays quick
 * and a long run needs no code change.
 */
public final class FuzzTries implements AroundPropertyHook {

    static final int DEFAULT_TOTAL = 5_000;
    static final int PROPERTIES = 3;

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().setTries(Math.max(1, total() / PROPERTIES));
        return property.execute();
    }

    static int total() {
        String v = System.getProperty("kiln.fuzz.tries", "");
        return v.isBlank() ? DEFAULT_TOTAL : Integer.parseInt(v.strip());
    }
}
