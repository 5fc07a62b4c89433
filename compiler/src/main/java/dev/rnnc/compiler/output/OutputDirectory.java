package dev.rnnc.compiler.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes generated files so that a reader never sees a half-written file: every file is first
 * written in full next to its destination, and only when all of them are written are they moved
 * into place (atomically where the file system allows). If anything fails before the moves, the
 * directory is left as it was.
 */
public final class OutputDirectory {

  private OutputDirectory() {}

  /**
   * Writes {@code files} below {@code root}, creating directories as needed. Files whose content
   * is already identical are left untouched (their timestamps too), so builds stay incremental.
   *
   * @return the files actually (re)written
   * @throws IOException if writing fails; temporary files are removed
   */
  public static List<Path> write(Path root, List<GeneratedFile> files) throws IOException {
    Set<Path> seen = new HashSet<>();
    for (GeneratedFile f : files) {
      if (!seen.add(f.relativePath())) {
        throw new IllegalArgumentException("two generated files for " + f.relativePath());
      }
    }
    List<Path[]> moves = new ArrayList<>();
    List<Path> createdDirs = new ArrayList<>();
    try {
      for (GeneratedFile f : files) {
        Path target = root.resolve(f.relativePath());
        byte[] bytes = f.content().getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
          continue;
        }
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
          Path missing = dir;
          while (missing != null && !Files.exists(missing)) {
            createdDirs.add(0, missing);
            missing = missing.getParent();
          }
          Files.createDirectories(dir);
        }
        // Not Files.createTempFile: its 0600 permissions would end up on the generated file.
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid()
            + "." + moves.size() + ".tmp");
        moves.add(new Path[] {temp, target});
        Files.write(temp, bytes);
      }
    } catch (IOException | RuntimeException e) {
      for (Path[] m : moves) {
        Files.deleteIfExists(m[0]);
      }
      for (int i = createdDirs.size() - 1; i >= 0; i--) {
        deleteIfEmpty(createdDirs.get(i));
      }
      throw e;
    }
    List<Path> written = new ArrayList<>();
    for (Path[] m : moves) {
      move(m[0], m[1]);
      written.add(m[1]);
    }
    return List.copyOf(written);
  }

  private static void deleteIfEmpty(Path dir) {
    try (var entries = Files.list(dir)) {
      if (entries.findAny().isEmpty()) {
        Files.delete(dir);
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a directory we created and could not remove is harmless.
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
