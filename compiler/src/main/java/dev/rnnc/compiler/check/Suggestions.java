package dev.rnnc.compiler.check;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough. */
public final class Suggestions {

  /** Words longer than this get no suggestion: a typo is not what makes a name that long. */
  static final int MAX_WORD = 256;

  private Suggestions() {}

  /**
   * The candidate closest to {@code word}, ignoring case, if within a distance of about a third of
   * the word's length (at least 1; for one-character words only a difference in case counts). Ties
   * go to the earlier candidate, so the answer is deterministic.
   */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    if (word.length() > MAX_WORD) {
      return Optional.empty();
    }
    String w = word.toLowerCase(Locale.ROOT);
    int limit = w.length() <= 1 ? 0 : Math.max(1, (w.length() + 1) / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate.equals(word)) {
        continue;
      }
      String c = candidate.toLowerCase(Locale.ROOT);
      if (Math.abs(c.length() - w.length()) > limit) {
        continue;
      }
      int d = distance(w, c, limit);
      if (d <= limit && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A hint such as {@code did you mean 'h2'?}, or empty if nothing is close. */
  public static Optional<String> didYouMean(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> "did you mean '" + c + "'?");
  }

  /**
   * {@link #didYouMean}, else {@code expected one of: a, b, c} (for short candidate lists), else
   * null.
   */
  static String hint(String word, List<String> candidates) {
    return didYouMean(word, candidates)
        .orElse(
            candidates.isEmpty() || candidates.size() > 12
                ? null
                : "expected one of: " + String.join(", ", candidates));
  }

  /**
   * The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
   * adjacent characters each cost 1.
   */
  public static int distance(String a, String b) {
    return distance(a, b, Integer.MAX_VALUE - 1);
  }

  /**
   * {@link #distance(String, String)} if it is at most {@code limit}, else some value above {@code
   * limit}; stops as soon as two rows in a row exceed the limit (no later row can then come back
   * under it), so comparing a word with a very different one costs little.
   */
  static int distance(String a, String b, int limit) {
    int n = a.length();
    int m = b.length();
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    int prevMin = 0;
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = i;
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > limit && prevMin > limit) {
        return limit + 1;
      }
      prevMin = rowMin;
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}
