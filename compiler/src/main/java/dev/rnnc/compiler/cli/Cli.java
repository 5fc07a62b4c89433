package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.diag.DiagnosticRenderer;
import dev.rnnc.compiler.diag.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Small checks shared by the subcommands. */
final class Cli {

  private Cli() {}

  /** Fails with a usage error (exit 2) if a named file does not exist or is not a file. */
  static void requireFiles(List<Path> files) {
    for (Path f : files) {
      if (!Files.exists(f)) {
        throw new UsageException(f + ": no such file");
      }
      if (!Files.isRegularFile(f)) {
        throw new UsageException(f + ": not a file");
      }
    }
  }

  /**
   * Fails with a usage error (exit 2) if {@code file} does not exist or is a directory. Pipes and
   * devices are fine: {@code --input <(command)} reads a pipe.
   */
  static void requireReadable(Path file) {
    if (!Files.exists(file)) {
      throw new UsageException(file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new UsageException(file + ": is a directory");
    }
  }

  /** Loads a spec, or prints its diagnostics to {@code err} and returns null. */
  static Model loadOrReport(Path spec, PrintWriter err) {
    try {
      return Compiler.load(spec);
    } catch (SpecException e) {
      err.print(new DiagnosticRenderer().render(e.diagnostics()));
      return null;
    }
  }

  /** Why writing failed, in words: file system exceptions carry only a path as their message. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
