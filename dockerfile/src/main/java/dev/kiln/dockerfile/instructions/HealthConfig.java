package dev.kiln.dockerfile.instructions;

import java.util.List;

/**
 * A HEALTHCHECK, as stored in the image config. Durations are in nanoseconds, 0 meaning unset.
 *
 * @param test {@code ["NONE"]}, {@code ["CMD", args…]} or {@code ["CMD-SHELL", command]}
 */
public record HealthConfig(List<String> test, long interval, long timeout, long startPeriod, int retries) {

    public HealthConfig {
        test = List.copyOf(test);
    }
}
