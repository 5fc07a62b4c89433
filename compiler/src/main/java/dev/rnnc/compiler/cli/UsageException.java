package dev.rnnc.compiler.cli;

/** A mistake in how rnnc was called (exit code 2), reported as one line without a stack trace. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
