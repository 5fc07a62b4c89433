package dev.rnnc.compiler.check;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules for names in specs: node and input names, the class name and the Java package. */
public final class Names {

  private Names() {}

  /** Names of inputs, neurons and groups. */
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The generated class name: UpperCamelCase. */
  static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

  /**
   * Longest name of a neuron, group, input or class: names become Java identifiers and file names,
   * and a file name (with {@code .java}) must stay under the usual 255-byte limit.
   */
  static final int MAX_NAME_LENGTH = 200;

  /** Longest package name. */
  static final int MAX_PACKAGE_LENGTH = 1000;

  static final Pattern PACKAGE_SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Java's reserved words and literals (including contextual ones that cannot name a package). */
  private static final Set<String> JAVA_RESERVED =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "_",
          "var",
          "yield",
          "record",
          "sealed",
          "permits");

  /** Whether {@code s} can name a neuron, group or input. */
  public static boolean isName(String s) {
    return s.length() <= MAX_NAME_LENGTH && NAME.matcher(s).matches();
  }

  /** The hint for a name that {@link #isName} rejects. */
  static String nameHint(String s) {
    return s.length() > MAX_NAME_LENGTH
        ? "names are at most " + MAX_NAME_LENGTH + " characters; this one has " + s.length()
        : "names are letters, digits and '_', and do not start with a digit";
  }

  static boolean isJavaReserved(String s) {
    return JAVA_RESERVED.contains(s);
  }

  /** Why {@code name} cannot be the generated class name, or empty if it can. */
  static Optional<String> classNameProblem(String name) {
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of("is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (!CLASS_NAME.matcher(name).matches()) {
      return Optional.of("must be UpperCamelCase: a capital letter, then letters and digits");
    }
    if (isJavaReserved(name)) {
      return Optional.of("is a reserved word in Java");
    }
    return Optional.empty();
  }

  /** Why {@code pkg} cannot be a Java package name, or empty if it can. */
  public static Optional<String> packageProblem(String pkg) {
    if (pkg.isEmpty()) {
      return Optional.of("is empty");
    }
    if (pkg.length() > MAX_PACKAGE_LENGTH) {
      return Optional.of("is longer than " + MAX_PACKAGE_LENGTH + " characters");
    }
    String[] segments = pkg.split("\\.", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return Optional.of("has an empty segment");
      }
      if (!PACKAGE_SEGMENT.matcher(segment).matches()) {
        return Optional.of("has the segment '" + segment + "', which is not a Java identifier");
      }
      if (isJavaReserved(segment)) {
        return Optional.of("has the segment '" + segment + "', which is a reserved word in Java");
      }
    }
    if (pkg.equals("java") || pkg.startsWith("java.")) {
      return Optional.of("is in 'java', where the JVM allows only its own classes");
    }
    if (JDK_PACKAGES.contains(pkg)) {
      return Optional.of("is a package of the JDK, which javac does not let other code join");
    }
    return Optional.empty();
  }

  /** Every package of the JDK's modules (javax.annotation.processing, sun.misc, ...). */
  private static final Set<String> JDK_PACKAGES = jdkPackages();

  private static Set<String> jdkPackages() {
    java.util.HashSet<String> packages = new java.util.HashSet<>();
    for (java.lang.module.ModuleReference m : java.lang.module.ModuleFinder.ofSystem().findAll()) {
      packages.addAll(m.descriptor().packages());
    }
    return Set.copyOf(packages);
  }

  /**
   * {@code name} turned into a plausible UpperCamelCase class name (for hints, and for the specs
   * {@code rnnc import} writes): ASCII letters and digits, each run after another character
   * capitalized; "Model" before a leading digit or for a name without letters or digits.
   */
  public static String suggestClassName(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetterOrDigit(c) && c < 128) {
        if (out.length() == 0 && Character.isDigit(c)) {
          out.append("Model");
        }
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return out.length() == 0 ? "Model" : out.toString();
  }
}
