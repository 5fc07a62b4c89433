package dev.rnnc.compiler.weights;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Python literal value, as found in a {@code .npy} header (the header is the {@code repr} of a
 * dict). {@link #toString()} gives the Python spelling, for messages.
 */
sealed interface PyLiteral {

  /** A string literal. */
  record Str(String value) implements PyLiteral {
    @Override
    public String toString() {
      return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
  }

  /** An integer literal, arbitrarily large as in Python. */
  record Int(BigInteger value) implements PyLiteral {
    @Override
    public String toString() {
      return value.toString();
    }
  }

  /** {@code True} or {@code False}. */
  record Bool(boolean value) implements PyLiteral {
    @Override
    public String toString() {
      return value ? "True" : "False";
    }
  }

  /** {@code None}. */
  record None() implements PyLiteral {
    @Override
    public String toString() {
      return "None";
    }
  }

  /** A tuple; {@code (3,)} is a tuple of one element, {@code (3)} is just {@code 3}. */
  record Tuple(List<PyLiteral> items) implements PyLiteral {
    public Tuple {
      items = List.copyOf(items);
    }

    @Override
    public String toString() {
      if (items.size() == 1) {
        return "(" + items.get(0) + ",)";
      }
      return items.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  /** A list. */
  record PyList(List<PyLiteral> items) implements PyLiteral {
    public PyList {
      items = List.copyOf(items);
    }

    @Override
    public String toString() {
      return items.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** A dict, entries in the order written (duplicate keys are rejected by the parser). */
  record Dict(List<Entry> entries) implements PyLiteral {
    public Dict {
      entries = List.copyOf(entries);
    }

    @Override
    public String toString() {
      return entries.stream()
          .map(e -> e.key() + ": " + e.value())
          .collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /** One {@code key: value} pair of a {@link Dict}. */
  record Entry(PyLiteral key, PyLiteral value) {}
}
