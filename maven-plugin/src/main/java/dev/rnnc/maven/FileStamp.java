package dev.rnnc.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A file's size and modification time when it was last read or written, to tell later whether it
 * changed. Comparing for equality rather than "newer than" catches files replaced by older copies
 * (a checkout, an unpacked archive) too.
 *
 * @param path the file, absolute for inputs, relative to the output directory for outputs
 * @param size the size in bytes, or {@code -1} if the file did not exist
 * @param modifiedNanos the modification time in nanoseconds since the epoch, or {@code -1}
 */
record FileStamp(String path, long size, long modifiedNanos) {

  FileStamp {
    Objects.requireNonNull(path, "path");
  }

  /** Stamps {@code file} as it is now; a missing file gets size and time {@code -1}. */
  static FileStamp of(String path, Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(path, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    } catch (NoSuchFileException e) {
      return new FileStamp(path, -1, -1);
    }
  }

  /** Whether {@code file} is still as stamped (and exists). */
  boolean matches(Path file) throws IOException {
    return size >= 0 && equals(of(path, file));
  }
}
