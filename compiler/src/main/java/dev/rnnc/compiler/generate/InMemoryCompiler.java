package dev.rnnc.compiler.generate;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.runtime.Evaluator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated classes in memory with {@code javax.tools} (no temporary files) and loads them
 * through a fresh class loader, whose parent is the runtime's, so that a generated class is an
 * {@link Evaluator} of this JVM. The runtime classes are put on javac's class path from where they
 * were loaded (a jar, or a {@code classes} directory).
 */
public final class InMemoryCompiler {

  /** Options under which generated code must compile cleanly: every lint, warnings as errors. */
  public static final List<String> STRICT = List.of("-Xlint:all", "-Werror");

  private final List<String> options;
  private final String classPath;

  /** A compiler with javac's default options. */
  public InMemoryCompiler() {
    this(List.of());
  }

  /** A compiler passing {@code options} to javac (e.g. {@link #STRICT}). */
  public InMemoryCompiler(List<String> options) {
    this(options, null);
  }

  /**
   * A compiler whose class path also holds the classes of {@code anchors} (their jar or classes
   * directory), for generated code that uses more than the runtime.
   */
  public static InMemoryCompiler withClassesOf(List<String> options, Class<?>... anchors) {
    StringBuilder path = new StringBuilder(runtimeClassPath());
    for (Class<?> anchor : anchors) {
      String location = locationOf(anchor);
      if (!location.equals(runtimeClassPath())) {
        path.append(java.io.File.pathSeparator).append(location);
      }
    }
    return new InMemoryCompiler(options, path.toString());
  }

  /** With an explicit class path for javac instead of the runtime's location (for tests). */
  InMemoryCompiler(List<String> options, String classPath) {
    this.options = List.copyOf(options);
    this.classPath = classPath;
  }

  /**
   * Compiles {@code files} together.
   *
   * @return the class files by binary name, in name order
   * @throws NoJavaCompilerException if there is no Java compiler (a JRE)
   * @throws IllegalStateException if javac reports errors (with every diagnostic in the message)
   */
  public Map<String, byte[]> compile(List<JavaFile> files) {
    JavaCompiler javac = requireCompiler(ToolProvider.getSystemJavaCompiler());
    // No DiagnosticListener: with one, javac records the end position of every tree node, which
    // costs a third of the time on large generated classes. Its messages go to "out" instead.
    StandardJavaFileManager standard =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    try (MemoryFileManager memory = new MemoryFileManager(standard)) {
      List<JavaFileObject> sources = new ArrayList<>();
      for (JavaFile file : files) {
        sources.add(file.toJavaFileObject());
      }
      List<String> args = new ArrayList<>(options);
      args.add("-proc:none");
      args.add("-Xmaxerrs");
      args.add("50");
      args.add("-classpath");
      args.add(classPath != null ? classPath : runtimeClassPath());
      StringWriter out = new StringWriter();
      boolean ok = javac.getTask(out, memory, null, args, null, sources).call();
      if (!ok) {
        throw new IllegalStateException("generated code does not compile:\n" + out);
      }
      return Collections.unmodifiableMap(memory.classes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot close the compiler's file manager", e);
    }
  }

  /**
   * Compiles {@code files} together and loads them in a new class loader.
   *
   * @return the top-level class of each file, in the order of {@code files}
   */
  public List<Class<?>> load(List<JavaFile> files) {
    ClassLoader loader = classLoader(compile(files));
    List<Class<?>> result = new ArrayList<>();
    for (JavaFile file : files) {
      String name =
          file.packageName().isEmpty()
              ? file.typeSpec().name()
              : file.packageName() + "." + file.typeSpec().name();
      try {
        result.add(loader.loadClass(name));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("compiled class not found: " + name, e);
      }
    }
    return List.copyOf(result);
  }

  /**
   * A new class loader that defines {@code classes} (binary name to class file, as returned by
   * {@link #compile}) and delegates everything else to the runtime's class loader.
   */
  public static ClassLoader classLoader(Map<String, byte[]> classes) {
    return new MemoryClassLoader(Map.copyOf(classes));
  }

  /** Compiles, loads and instantiates one generated (non-standalone) evaluator. */
  public Evaluator newEvaluator(JavaFile file) {
    return newEvaluators(List.of(file)).get(0);
  }

  /**
   * Compiles {@code files} in one javac run (much faster than one run each) and creates one
   * evaluator of each, in order.
   */
  public List<Evaluator> newEvaluators(List<JavaFile> files) {
    List<Evaluator> result = new ArrayList<>();
    for (Class<?> c : load(files)) {
      result.add(instantiate(c));
    }
    return List.copyOf(result);
  }

  /** A new instance of a generated evaluator class, through its public no-argument constructor. */
  public static Evaluator instantiate(Class<?> generated) {
    if (!Evaluator.class.isAssignableFrom(generated)) {
      throw new IllegalArgumentException(
          generated.getName() + " is not an Evaluator (standalone?)");
    }
    try {
      return (Evaluator) generated.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot create " + generated.getName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + generated.getName(), e);
    }
  }

  /** {@code javac}, or a clear error when running on a JRE (which has no compiler). */
  static JavaCompiler requireCompiler(JavaCompiler javac) {
    if (javac == null) {
      throw new NoJavaCompilerException();
    }
    return javac;
  }

  /** Thrown when this JVM has no Java compiler (a JRE): in-memory compilation is impossible. */
  public static final class NoJavaCompilerException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NoJavaCompilerException() {
      super("no Java compiler available: run rnnc with a JDK, not a JRE");
    }
  }

  /** Where the runtime's classes are: its jar, or its {@code target/classes} directory. */
  static String runtimeClassPath() {
    return locationOf(Evaluator.class);
  }

  /** Where a class was loaded from: its jar, or its classes directory. */
  private static String locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException(
          "cannot locate the classes of "
              + type.getPackageName()
              + " ("
              + type.getName()
              + " has no code source)");
    }
    try {
      URI uri = source.getLocation().toURI();
      return Path.of(uri).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot locate the classes of " + type.getPackageName() + " at " + source.getLocation(),
          e);
    }
  }

  /** Keeps javac's class output in memory. */
  private static final class MemoryFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager> {

    private final Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();

    MemoryFileManager(StandardJavaFileManager standard) {
      super(standard);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        JavaFileManager.Location location,
        String className,
        JavaFileObject.Kind kind,
        FileObject sibling)
        throws IOException {
      if (kind != JavaFileObject.Kind.CLASS) {
        return super.getJavaFileForOutput(location, className, kind, sibling);
      }
      URI uri = URI.create("mem:///" + className.replace('.', '/') + kind.extension);
      return new SimpleJavaFileObject(uri, kind) {
        @Override
        public OutputStream openOutputStream() {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          outputs.put(className, bytes);
          return bytes;
        }
      };
    }

    Map<String, byte[]> classes() {
      Map<String, byte[]> result = new TreeMap<>();
      outputs.forEach((name, bytes) -> result.put(name, bytes.toByteArray()));
      return result;
    }
  }

  /** Defines the compiled classes; everything else comes from the runtime's loader. */
  private static final class MemoryClassLoader extends ClassLoader {

    static {
      registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    MemoryClassLoader(Map<String, byte[]> classes) {
      super("rnnc-generated", Evaluator.class.getClassLoader());
      this.classes = classes;
    }

    /**
     * The classes compiled here come first: a class of the same name on the application's class
     * path (say, the same spec built by the Maven plugin) must not shadow the one just compiled.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!classes.containsKey(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
