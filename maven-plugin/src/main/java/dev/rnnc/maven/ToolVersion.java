package dev.rnnc.maven;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.Properties;

/**
 * Identifies the code that generates evaluators, so that a build with another rnnc regenerates
 * everything. A release is identified by its version; a snapshot (or a build without version
 * information) also by the size and time of its jar, since its code changes under one version.
 */
final class ToolVersion {

  private ToolVersion() {}

  /** The identity of the jar (or directory) that {@code type} was loaded from. */
  static String of(Class<?> type, String groupId, String artifactId) {
    String version = mavenVersion(type, groupId, artifactId);
    if (version != null && !version.endsWith("-SNAPSHOT")) {
      return version;
    }
    return (version == null ? "unversioned" : version) + " " + stamp(type);
  }

  private static String mavenVersion(Class<?> type, String groupId, String artifactId) {
    String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String stamp(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "(unknown location)";
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      BasicFileAttributes a = Files.readAttributes(location, BasicFileAttributes.class);
      return location.getFileName() + " " + a.size() + " " + a.lastModifiedTime().toMillis();
    } catch (URISyntaxException | IOException | RuntimeException e) {
      return source.getLocation().toString();
    }
  }
}
