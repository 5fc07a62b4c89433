package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads weight arrays from {@code .npy} and {@code .csv} files; {@link WeightFiles} adds tensors of
 * safetensors files.
 *
 * <p>The format is chosen by the file's extension, ignoring case. {@code .npy}: NumPy format 1.0,
 * 2.0 or 3.0, dtype float64 or float32 with an explicit byte order ({@code '<f8'}, {@code '>f8'},
 * {@code '<f4'}, {@code '>f4'}), C order, any shape (a 0-d array has shape {@code []}); see {@link
 * NpyReader}. {@code .csv}: one row per line, numbers separated by commas, shape {@code [rows,
 * cols]}; see {@link CsvArrayReader}. Every value must be finite.
 *
 * <p>Where problems are reported: a problem in a CSV cell or row at its line and column in the CSV
 * file; every other problem (missing or unreadable file, unknown extension, anything wrong in a
 * {@code .npy} file) at the position given by the caller, with the file named in the message as it
 * was given. Diagnostic codes: {@code weight-file} (unreadable or malformed), {@code weight-dtype}
 * (unsupported element type), {@code weight-order} (Fortran order), {@code non-finite} (NaN or
 * infinity). One problem is reported per file.
 */
public final class ArrayFiles {

  private ArrayFiles() {}

  /**
   * Reads {@code file}, choosing the format by extension ({@code .npy} or {@code .csv}). Problems
   * (missing, unreadable, unsupported dtype or order, malformed, non-finite values) are reported
   * into {@code sink} at {@code at} (the position of the {@code file:} value in the spec), or, for
   * a bad CSV cell or row, at its place in the CSV file; then the result is empty. Never throws for
   * bad input.
   */
  public static Optional<NdArray> read(Path file, SourcePosition at, Diagnostics sink) {
    String name = file.toString();
    return guarded(
        name,
        at,
        sink,
        () -> {
          Format format = format(file, name);
          if (format == Format.SAFETENSORS) {
            throw WeightFileException.ofFile(
                Code.WEIGHT_FILE,
                "weight file '" + name + "' is a safetensors file: say which tensor to read",
                "write {file: " + file.getFileName() + ", tensor: NAME}");
          }
          checkReadable(file, name);
          return format == Format.NPY
              ? NpyReader.read(file, name)
              : CsvArrayReader.read(file, name);
        });
  }

  /** Work on a weight file whose problems become diagnostics. */
  interface Reading<T> {
    T read() throws IOException, WeightFileException;
  }

  /**
   * Runs {@code reading}, reporting a problem (a {@link WeightFileException}, or an I/O error such
   * as a missing file) into {@code sink} at {@code at}; then the result is empty.
   */
  static <T> Optional<T> guarded(
      String name, SourcePosition at, Diagnostics sink, Reading<T> reading) {
    try {
      return Optional.of(reading.read());
    } catch (WeightFileException e) {
      e.reportTo(sink, at);
    } catch (NoSuchFileException | NotDirectoryException e) {
      cannotRead(sink, at, name, "no such file");
    } catch (AccessDeniedException e) {
      cannotRead(sink, at, name, "permission denied");
    } catch (FileSystemException e) {
      cannotRead(sink, at, name, e.getReason() != null ? e.getReason() : e.toString());
    } catch (IOException e) {
      cannotRead(sink, at, name, e.getMessage() != null ? e.getMessage() : e.toString());
    }
    return Optional.empty();
  }

  /** The formats of weight files, told apart by extension. */
  enum Format {
    NPY,
    CSV,
    SAFETENSORS
  }

  /** The format of {@code file} by its extension; other extensions are an error. */
  static Format format(Path file, String name) throws WeightFileException {
    Path fileName = file.getFileName();
    String lower = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".npy")) {
      return Format.NPY;
    }
    if (lower.endsWith(".csv")) {
      return Format.CSV;
    }
    if (lower.endsWith(".safetensors")) {
      return Format.SAFETENSORS;
    }
    if (lower.endsWith(".npz")) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE,
          "weight file '" + name + "' is an .npz archive; rnnc reads .npy and .csv files",
          "save each array on its own: np.save('w.npy', np.load('w.npz')['w'])");
    }
    throw WeightFileException.ofFile(
        Code.WEIGHT_FILE,
        "weight file '" + name + "' is not a .npy, .csv or .safetensors file",
        "weights are read from NumPy .npy files, .csv files and safetensors files");
  }

  static void checkReadable(Path file, String name) throws WeightFileException {
    if (Files.isDirectory(file)) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE, "cannot read weight file '" + name + "': it is a directory", null);
    }
    if (!Files.exists(file)) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE, "cannot read weight file '" + name + "': no such file", null);
    }
    if (!Files.isRegularFile(file)) {
      // A pipe would block the compiler, a device such as /dev/zero would never end.
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE,
          "cannot read weight file '"
              + name
              + "': it is not a regular file (a device, pipe or socket)",
          "save the weights to a file");
    }
  }

  private static void cannotRead(Diagnostics sink, SourcePosition at, String name, String why) {
    sink.error(Code.WEIGHT_FILE, at, "cannot read weight file '" + name + "': " + why);
  }
}
