package dev.kiln.cli;

import picocli.CommandLine.IVersionProvider;

final class KilnVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {text()};
  }

  static String text() {
    String v = KilnVersion.class.getPackage().getImplementationVersion();
    return "kiln " + (v == null ? "dev" : v);
  }
}
