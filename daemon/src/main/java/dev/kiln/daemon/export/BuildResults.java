package dev.kiln.daemon.export;

import dev.kiln.engine.SolveResult;
import dev.kiln.engine.exporter.ExportInputs;
import java.util.List;

/**
 * A solved build as exporters see it: one result per platform, with what image exporters need.
 *
 * @param platformIds {@code linux/amd64}… in the order of {@code results} (empty strings when unknown)
 */
public record BuildResults(List<SolveResult> results, List<String> platformIds, ExportInputs inputs) {
  public BuildResults {
    results = List.copyOf(results);
    platformIds = List.copyOf(platformIds);
  }

  /** {@code type=local} writes one directory per platform ({@code linux_amd64/}) when there are several. */
  boolean split() {
    return inputs.multiPlatform();
  }
}
