package dev.rnnc.compiler.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the compiler's version from the jar manifest. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"rnnc " + (v == null ? "(development build)" : v)};
  }
}
