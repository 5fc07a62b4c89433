package dev.rnnc.maven;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Ant-style path pattern, as Maven plugins take in {@code <includes>} and {@code <excludes>}:
 * {@code *} matches within one path segment, {@code ?} one character, {@code **} any number of
 * whole segments (zero included), and a trailing {@code /} stands for {@code /**}. Both {@code /}
 * and {@code \} separate segments in the pattern; paths are matched with {@code /}.
 */
record AntPattern(String pattern, Pattern regex) {

  AntPattern {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(regex, "regex");
  }

  static AntPattern compile(String pattern) {
    String p = pattern.trim().replace('\\', '/');
    if (p.endsWith("/")) {
      p = p + "**";
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    String[] segments = p.split("/+", -1);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      if (segments[i].equals("**")) {
        re.append(last ? ".*" : "(?:[^/]*/)*");
        continue;
      }
      for (char c : segments[i].toCharArray()) {
        switch (c) {
          case '*' -> re.append("[^/]*");
          case '?' -> re.append("[^/]");
          default -> re.append(Pattern.quote(String.valueOf(c)));
        }
      }
      if (!last) {
        re.append('/');
      }
    }
    return new AntPattern(pattern, Pattern.compile(re.toString()));
  }

  /** Whether {@code relativePath} (segments separated by {@code /}) matches. */
  boolean matches(String relativePath) {
    return regex.matcher(relativePath).matches();
  }
}
