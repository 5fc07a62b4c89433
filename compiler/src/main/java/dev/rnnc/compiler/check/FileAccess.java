package dev.rnnc.compiler.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which files a spec may make the checker read (weight and vocabulary files): any (the command
 * line, the Maven plugin), only those below one folder (a spec edited in {@code rnnc serve}, where
 * the text comes from a browser), or none.
 */
public final class FileAccess {

  /** Every file the spec names. */
  public static final FileAccess ANY = new FileAccess(null, null);

  private final Path folder;
  private final String none;

  private FileAccess(Path folder, String none) {
    this.folder = folder;
    this.none = none;
  }

  /** Files in {@code folder} or below it, symbolic links resolved. */
  public static FileAccess below(Path folder) {
    return new FileAccess(folder.toAbsolutePath().normalize(), null);
  }

  /** No file at all; {@code why} says so in the error a file name gets. */
  public static FileAccess none(String why) {
    return new FileAccess(null, Objects.requireNonNull(why, "why"));
  }

  /** Why {@code file} may not be read, or empty if it may. */
  Optional<String> refusal(Path file) {
    if (none != null) {
      return Optional.of(none);
    }
    if (folder == null) {
      return Optional.empty();
    }
    Path absolute = file.toAbsolutePath().normalize();
    boolean inside = absolute.startsWith(folder);
    if (inside && Files.exists(absolute)) {
      try {
        inside = absolute.toRealPath().startsWith(folder.toRealPath());
      } catch (IOException | SecurityException e) {
        inside = false;
      }
    }
    return inside
        ? Optional.empty()
        : Optional.of("only files below the spec's folder (" + folder + ") may be read here");
  }
}
