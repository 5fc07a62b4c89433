package dev.rnnc.compiler.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes generated files so that a reader never sees a half-written file and a failure leaves the
 * directory as it was: every file is first written in full next to its destination; only when all
 * of them are written are they moved into place (atomically where the file system allows), each
 * file it replaces kept aside until every move has succeeded. If anything fails, even an error such
 * as running out of memory, the moves made so far are undone, the replaced files put back, and
 * every temporary file and every directory this call created removed.
 */
public final class OutputDirectory {

  private OutputDirectory() {}

  /** A file on its way into place: written to {@code temp}, then moved to {@code target}. */
  private static final class Move {
    final Path temp;
    final Path target;

    /** Where the file {@code target} replaces was put aside, or null if there was none. */
    Path kept;

    boolean placed;

    Move(Path temp, Path target) {
      this.temp = temp;
      this.target = target;
    }
  }

  /**
   * Writes {@code files} below {@code root}, creating directories as needed. Files whose content is
   * already identical are left untouched (their timestamps too), so builds stay incremental.
   *
   * @return the files actually (re)written
   * @throws IOException if writing fails (for example, a destination is a directory or not
   *     writable); the directory is then as it was
   */
  public static List<Path> write(Path root, List<GeneratedFile> files) throws IOException {
    return write(root, files, OutputDirectory::move);
  }

  /** How a file is moved into place; tests replace it to make a move fail. */
  interface Mover {
    void move(Path from, Path to) throws IOException;
  }

  static List<Path> write(Path root, List<GeneratedFile> files, Mover mover) throws IOException {
    Set<Path> seen = new HashSet<>();
    for (GeneratedFile f : files) {
      if (!seen.add(f.relativePath())) {
        throw new IllegalArgumentException("two generated files for " + f.relativePath());
      }
    }
    List<Move> moves = new ArrayList<>();
    List<Path> createdDirs = new ArrayList<>();
    boolean done = false;
    try {
      for (GeneratedFile f : files) {
        Path target = root.resolve(f.relativePath());
        byte[] bytes = f.bytes();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
            && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException(target + ": exists and is not a regular file");
        }
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
        Move m = new Move(sibling(target, moves.size(), "tmp"), target);
        moves.add(m);
        Files.write(m.temp, bytes);
      }
      for (Move m : moves) {
        if (Files.exists(m.target, LinkOption.NOFOLLOW_LINKS)) {
          m.kept = sibling(m.target, moves.indexOf(m), "old");
          mover.move(m.target, m.kept);
        }
        mover.move(m.temp, m.target);
        m.placed = true;
      }
      done = true;
    } finally {
      if (!done) {
        undo(moves, createdDirs);
      }
    }
    List<Path> written = new ArrayList<>();
    for (Move m : moves) {
      if (m.kept != null) {
        Files.deleteIfExists(m.kept);
      }
      written.add(m.target);
    }
    return List.copyOf(written);
  }

  /** {@code .Name.java.<pid>.<k>.<suffix>} next to {@code target}. */
  private static Path sibling(Path target, int k, String suffix) {
    return target.resolveSibling(
        "." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + k + "." + suffix);
  }

  /** Puts everything back as it was before {@link #write}, as far as the file system lets it. */
  private static void undo(List<Move> moves, List<Path> createdDirs) {
    for (int i = moves.size() - 1; i >= 0; i--) {
      Move m = moves.get(i);
      try {
        if (m.placed) {
          Files.deleteIfExists(m.target);
        }
        if (m.kept != null && Files.exists(m.kept, LinkOption.NOFOLLOW_LINKS)) {
          move(m.kept, m.target);
        }
        Files.deleteIfExists(m.temp);
      } catch (IOException | RuntimeException e) {
        // Keep undoing the rest; the caller reports the first failure.
      }
    }
    for (int i = createdDirs.size() - 1; i >= 0; i--) {
      deleteIfEmpty(createdDirs.get(i));
    }
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
