package org.csssim.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.csssim.internal.journal.ForwardingJournal;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalStore;

/**
 * Counts what the journal records: every message in and out, every rejection by code, every
 * delivery attempt with its latency, retries and dead letters. Everything passes through the
 * journal, so this is the one place the counting needs.
 */
public final class MeteredJournal extends ForwardingJournal {
  private final MeterRegistry registry;
  private final Timer deliveryLatency;

  public MeteredJournal(JournalStore inner, MeterRegistry registry) {
    super(inner);
    this.registry = registry;
    this.deliveryLatency = Timer.builder("csssim_delivery_latency").description("Webhook attempts, from send to answer")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  @Override
  protected void appending(JournalEntry e) {
    String type = e.eventType() == null ? "unknown" : e.eventType();
    switch (e.direction()) {
      case IN -> {
        Counter.builder("csssim_messages_in").description("Messages received, by type and outcome")
            .tags("type", type, "outcome", e.outcome().name()).register(registry).increment();
        e.errors().forEach(x -> Counter.builder("csssim_rejections").description("Refusals, by error code")
            .tag("code", x.code()).register(registry).increment());
      }
      case OUT -> {
        Counter.builder("csssim_messages_out").description("Messages sent and delivery attempts, by type, outcome and recipient")
            .tags("type", type, "outcome", e.outcome().name(), "recipient", e.recipientMpid() == null ? "" : e.recipientMpid())
            .register(registry).increment();
        if (e.attempt() != null && e.attempt().number() > 0) {
          deliveryLatency.record(Duration.ofNanos(e.attempt().latencyMicros() * 1000));
        }
      }
      default -> Counter.builder("csssim_admin_changes").description("Operators' changes (connections, faults), by kind")
          .tag("type", type).register(registry).increment();
    }
  }
}
