package dev.rnnc.compiler.parse;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A parser that enforces the reader's limits on the event stream, before the composer builds
 * (recursively) any node: nesting depth and the number of aliases that repeat a list or mapping. It
 * also remembers where the last event started, to place errors that carry no position.
 */
final class GuardedParser implements Parser {

  /** A limit was exceeded at {@code mark}. */
  static final class LimitExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which limit. */
    enum Kind {
      DEPTH,
      ALIASES,
      NODES
    }

    private final Kind kind;
    private final transient Optional<Mark> mark;

    LimitExceeded(Kind kind, Optional<Mark> mark) {
      super(kind.name(), null, false, false);
      this.kind = kind;
      this.mark = mark;
    }

    Kind kind() {
      return kind;
    }

    Optional<Mark> mark() {
      return mark;
    }
  }

  private final Parser delegate;
  private final int maxDepth;
  private final int maxCollectionAliases;
  private final int maxNodes;
  private int nodes;
  private final Set<String> collectionAnchors = new HashSet<>();
  private int depth;
  private int collectionAliases;
  private Optional<Mark> lastMark = Optional.empty();

  GuardedParser(Parser delegate, int maxDepth, int maxCollectionAliases, int maxNodes) {
    this.delegate = delegate;
    this.maxDepth = maxDepth;
    this.maxCollectionAliases = maxCollectionAliases;
    this.maxNodes = maxNodes;
  }

  /** Where the most recently consumed or inspected event started. */
  Optional<Mark> lastMark() {
    return lastMark;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return delegate.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    Event event = delegate.peekEvent();
    remember(event);
    return event;
  }

  @Override
  public boolean hasNext() {
    return delegate.hasNext();
  }

  @Override
  public Event next() {
    Event event = delegate.next();
    remember(event);
    Event.ID id = event.getEventId();
    if ((id == Event.ID.Scalar || id == Event.ID.SequenceStart || id == Event.ID.MappingStart)
        && ++nodes > maxNodes) {
      // Every value becomes objects in memory: stop before a huge inline matrix exhausts it.
      throw new LimitExceeded(LimitExceeded.Kind.NODES, event.getStartMark());
    }
    switch (id) {
      case SequenceStart, MappingStart -> {
        depth++;
        if (depth > maxDepth) {
          throw new LimitExceeded(LimitExceeded.Kind.DEPTH, event.getStartMark());
        }
        ((CollectionStartEvent) event)
            .getAnchor()
            .ifPresent(anchor -> collectionAnchors.add(anchor.getValue()));
      }
      case SequenceEnd, MappingEnd -> depth--;
      case Scalar ->
          ((ScalarEvent) event)
              .getAnchor()
              .ifPresent(anchor -> collectionAnchors.remove(anchor.getValue()));
      case Alias -> {
        if (collectionAnchors.contains(((AliasEvent) event).getAlias().getValue())) {
          collectionAliases++;
          if (collectionAliases > maxCollectionAliases) {
            throw new LimitExceeded(LimitExceeded.Kind.ALIASES, event.getStartMark());
          }
        }
      }
      default -> {}
    }
    return event;
  }

  private void remember(Event event) {
    if (event.getStartMark().isPresent()) {
      lastMark = event.getStartMark();
    }
  }
}
