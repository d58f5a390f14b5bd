package dev.kiln.cli;

import picocli.CommandLine.IVersionProvider;

final class KilnVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = KilnVersion.class.getPackage().getImplementationVersion();
    return new String[] {"kiln " + (v == null ? "dev" : v)};
  }
}
