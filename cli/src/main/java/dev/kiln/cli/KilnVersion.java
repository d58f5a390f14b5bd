package dev.kiln.cli;

import picocli.CommandLine.IVersionProvider;

final class KilnVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {Main.versionText()};
  }
}
