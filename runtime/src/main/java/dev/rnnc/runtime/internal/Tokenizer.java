package dev.rnnc.runtime.internal;

import dev.rnnc.runtime.TokenInput;
import java.io.IOException;
import java.io.Reader;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits raw text into the tokens of a tokens input: every match of the input's pattern, in text
 * order, lowercased with {@link Locale#ROOT} when the input says {@code lowercase}.
 *
 * <p>Immutable and thread-safe: the pattern is compiled once and may be shared by any number of
 * streams.
 */
public final class Tokenizer {

  private final Pattern pattern;
  private final boolean lowercase;

  /**
   * @param pattern the regular expression one token matches (found with {@link Matcher#find()})
   * @param lowercase whether tokens are lowercased with {@link Locale#ROOT}
   * @throws java.util.regex.PatternSyntaxException if the pattern is not a valid expression
   */
  public Tokenizer(String pattern, boolean lowercase) {
    this.pattern = Pattern.compile(Objects.requireNonNull(pattern, "pattern"));
    this.lowercase = lowercase;
  }

  /** The tokenizer a tokens input declares (its {@code pattern} and {@code lowercase}). */
  public static Tokenizer of(TokenInput input) {
    return new Tokenizer(input.pattern(), input.lowercase());
  }

  /** The token pattern, as given. */
  public String pattern() {
    return pattern.pattern();
  }

  /** Whether tokens are lowercased. */
  public boolean lowercase() {
    return lowercase;
  }

  /**
   * The tokens of {@code text}: each non-overlapping match of the pattern, left to right. Matches
   * of the empty string are skipped, since they would be tokens made of nothing.
   *
   * @param text the raw text. Not modified.
   * @return a new list the caller owns
   */
  public List<String> tokens(CharSequence text) {
    Objects.requireNonNull(text, "text");
    List<String> tokens = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      String token = m.group();
      tokens.add(lowercase ? token.toLowerCase(Locale.ROOT) : token);
    }
    return tokens;
  }

  /**
   * The tokens of a text read from {@code in}, one at a time, without reading the text whole: the
   * same tokens as {@link #tokens(CharSequence)} on the whole text, as long as no lookbehind in the
   * pattern reaches more than {@value Stream#LOOKBEHIND} characters before a token's search start.
   *
   * <p>Memory is proportional to the longest stretch of text searched before a token is settled
   * (the gap before it plus the token), not to the text; time is linear in the text.
   *
   * @param in the text. Read, never closed.
   */
  public Stream tokens(Reader in) {
    return new Stream(pattern, lowercase, Objects.requireNonNull(in, "in"));
  }

  /**
   * Tokens read from a {@link Reader} as they are settled. A match is settled once the matcher did
   * not need to look at the end of the text read so far (so more text could not change it), or once
   * the text has ended. Until then more text is read, at least as much as is held, so every
   * character is searched a bounded number of times.
   */
  public static final class Stream {

    /** Characters kept before a token's search start, for lookbehinds and {@code \\b}. */
    public static final int LOOKBEHIND = 1024;

    private final boolean lowercase;
    private final Reader in;
    private final Matcher matcher;
    private char[] buffer = new char[8192];
    private int limit;
    private int searchFrom;
    private boolean ended;

    private Stream(Pattern pattern, boolean lowercase, Reader in) {
      this.lowercase = lowercase;
      this.in = in;
      this.matcher = pattern.matcher("");
    }

    /**
     * The next token, or {@code null} once the text has no more.
     *
     * @throws IOException if reading fails
     */
    public String next() throws IOException {
      while (true) {
        if (searchFrom > limit) {
          if (ended) {
            return null;
          }
          readMore();
          continue;
        }
        matcher.reset(CharBuffer.wrap(buffer, 0, limit));
        matcher.useTransparentBounds(true);
        matcher.useAnchoringBounds(false);
        matcher.region(searchFrom, limit);
        boolean found = matcher.find();
        if (!found && ended) {
          return null;
        }
        if (found && (ended || !matcher.hitEnd())) {
          int start = matcher.start();
          int end = matcher.end();
          if (end == start) {
            // An empty match is no token; the next search starts one further, as find() does.
            searchFrom = end + 1;
            continue;
          }
          searchFrom = end;
          String token = new String(buffer, start, end - start);
          return lowercase ? token.toLowerCase(Locale.ROOT) : token;
        }
        if (!found) {
          searchFrom = firstStartTouchingEnd();
        }
        readMore();
      }
    }

    /**
     * After a failed search: the first start whose attempt read up to the end of the text held.
     * Attempts from earlier starts failed without looking there, so no text read later can make
     * them succeed, and they are never searched again. (A failed {@code find()} always reports
     * {@code hitEnd}, so each start is asked on its own.)
     */
    private int firstStartTouchingEnd() {
      for (int p = searchFrom; p < limit; p++) {
        matcher.region(p, limit);
        if (matcher.lookingAt() || matcher.hitEnd()) {
          return p;
        }
      }
      return limit;
    }

    /** Characters the stream can hold now (for tests of its memory). */
    int capacity() {
      return buffer.length;
    }

    /** Drops what no later search can see, grows the buffer if needed, and fills it. */
    private void readMore() throws IOException {
      int keep = Math.max(0, searchFrom - LOOKBEHIND);
      if (keep > 0) {
        System.arraycopy(buffer, keep, buffer, 0, limit - keep);
        limit -= keep;
        searchFrom -= keep;
      }
      if (limit > buffer.length / 2) {
        if (buffer.length > Integer.MAX_VALUE / 2 - 16) {
          throw new IOException("more than " + buffer.length + " characters without a token");
        }
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      // One read at least; more while the reader has text at hand (a terminal's user may be
      // waiting for the tokens typed so far).
      do {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
          ended = true;
          return;
        }
        limit += n;
      } while (limit < buffer.length && in.ready());
    }
  }

  @Override
  public String toString() {
    return "Tokenizer[pattern=" + pattern.pattern() + ", lowercase=" + lowercase + "]";
  }
}
