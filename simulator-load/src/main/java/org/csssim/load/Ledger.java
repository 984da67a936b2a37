package org.csssim.load;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.csssim.internal.delivery.MessageSigner;

/**
 * Everything a run sent and everything that came back, by correlationId: the record the
 * reconciliation reads. Acks are written by the sending context and callbacks by the
 * receiver's, so the maps are concurrent.
 */
final class Ledger {
  /** One injected message and what became of it. */
  static final class Input {
    final int seq;
    final String type;
    final String path;
    final String mpxn;
    final String eventId;
    final String correlationId;
    final MessageSigner.Signed signed;
    /** When the profile made it due (System.nanoTime), whether or not it could go then. */
    volatile long dueNanos;
    volatile int attempts;
    /** The final HTTP status; 0 while unanswered, -1 when it never got through. */
    volatile int status;
    volatile String errorCode;

    Input(int seq, String type, String path, String mpxn, String eventId, String correlationId, MessageSigner.Signed signed) {
      this.seq = seq;
      this.type = type;
      this.path = path;
      this.mpxn = mpxn;
      this.eventId = eventId;
      this.correlationId = correlationId;
      this.signed = signed;
    }

    boolean accepted() {
      return status == 202;
    }
  }

  /**
   * A notification the target called back with, reduced to what reconciliation needs (a run may
   * take millions): which of its input type's expectations it matches, as bits in the order of
   * {@link Expectations#of}{@code (type, true)}, and its data only when it matches none.
   */
  record Callback(String eventId, String eventType, String correlationId, long matches,
                  String unmatchedData, long arrivedNanos, String signatureProblem) {}

  final List<Input> inputs;
  private final Map<String, Input> byCorrelation = new ConcurrentHashMap<>();
  private final Map<String, List<Callback>> callbacks = new ConcurrentHashMap<>();
  final Queue<Callback> badSignatures = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

  Ledger(List<Input> inputs) {
    this.inputs = List.copyOf(inputs);
    inputs.forEach(i -> byCorrelation.put(i.correlationId, i));
  }

  Input input(String correlationId) {
    return correlationId == null ? null : byCorrelation.get(correlationId);
  }

  void record(Callback c) {
    received.incrementAndGet();
    if (c.signatureProblem() != null) {
      badSignatures.add(c);
    }
    callbacks.computeIfAbsent(c.correlationId() == null ? "" : c.correlationId(), k -> new CopyOnWriteArrayList<>()).add(c);
  }

  List<Callback> callbacksFor(String correlationId) {
    return callbacks.getOrDefault(correlationId, List.of());
  }

  /** Callbacks whose correlationId is none of the run's inputs. */
  List<Callback> strays() {
    return callbacks.entrySet().stream().filter(e -> !byCorrelation.containsKey(e.getKey()))
        .flatMap(e -> e.getValue().stream()).toList();
  }

  long callbackCount() {
    return received.get();
  }
}
