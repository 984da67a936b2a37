package org.csssim.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csssim.internal.error.Problem;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.json.Json;
import org.csssim.internal.message.Envelope;
import org.csssim.internal.message.EnvelopeLayout;
import org.csssim.internal.unit.Unit;

/**
 * Journals what the intake handled. A {@link Trace} gathers what the pipeline learnt of the
 * message before it was accepted or refused, so a rejection is journaled with as much as
 * could be read (its eventId above all, so a user can find it).
 */
final class IntakeJournal {
  private final JournalStore store;
  private final int maxBodyChars;
  private final Clock clock;

  IntakeJournal(JournalStore store, int maxBodyChars, Clock clock) {
    this.store = store;
    this.maxBodyChars = maxBodyChars;
    this.clock = clock;
  }

  Trace trace(IntakeRequest request) {
    return new Trace(request, clock.instant());
  }

  Future<Long> record(Trace t, int status, JournalEntry.Outcome outcome, List<Problem> errors) {
    return store.append(entry(t, status, outcome, errors));
  }

  /** Journals with the other changes of {@code unit} (an accepted message's claim and inbox entry). */
  Future<Long> record(Trace t, int status, JournalEntry.Outcome outcome, List<Problem> errors, Unit unit) {
    return store.append(entry(t, status, outcome, errors), unit);
  }

  private JournalEntry entry(Trace t, int status, JournalEntry.Outcome outcome, List<Problem> errors) {
    String body = t.body == null ? null : new String(t.body, StandardCharsets.UTF_8);
    boolean truncated = body != null && body.length() > maxBodyChars;
    if (truncated) {
      body = body.substring(0, maxBodyChars);
    }
    return new JournalEntry(0, t.at, JournalEntry.Direction.IN, t.request.method(), t.request.path(),
        t.eventId, t.eventType, t.correlationId, t.senderMpid, t.recipientMpid, t.keys, t.ids, status, outcome, errors,
        body, truncated, null);
  }

  /** What is known so far of one inbound message. */
  static final class Trace {
    private final IntakeRequest request;
    private final Instant at;
    private final String pointer;
    private byte[] body;
    private String eventId;
    private String eventType;
    private String correlationId;
    private String senderMpid;
    private String recipientMpid;
    private Map<String, String> keys = Map.of();
    private Map<String, String> ids = Map.of();

    private Trace(IntakeRequest request, Instant at) {
      this.request = request;
      this.at = at;
      this.pointer = "";
      this.body = request.body() != null && request.body().length > 0 ? request.body() : null;
    }

    private Trace(Trace batch, String pointer, byte[] body) {
      this.request = batch.request;
      this.at = batch.at;
      this.pointer = pointer;
      this.body = body;
      this.recipientMpid = batch.recipientMpid;
    }

    /** The trace of the message at {@code pointer} in a batch body: journaled on its own once accepted. */
    Trace item(String pointer, JsonNode message) {
      return new Trace(this, pointer, Json.bytes(message));
    }

    /** Where the message is in the body: "" for a body that is the message, else its batch element's pointer. */
    String at() {
      return pointer;
    }

    String eventId() {
      return eventId;
    }

    /** The JSON message (for a compact JWS, its payload) is what the journal keeps. */
    void message(JsonNode message, byte[] json, EnvelopeLayout layout) {
      this.body = json;
      this.eventId = layout.eventIdOf(message);
    }

    void envelope(Envelope e) {
      eventId = e.eventId();
      eventType = e.eventType();
      correlationId = e.correlationId();
      senderMpid = e.senderMpid();
    }

    void enquiry(String type, String sender) {
      eventType = type;
      senderMpid = sender;
    }

    /** A webhook's simulated recipient. */
    void recipient(String mpid) {
      recipientMpid = mpid;
    }

    Map<String, String> keys() {
      return keys;
    }

    void keys(Map<String, String> k) {
      keys = Map.copyOf(k);
    }

    void ids(Map<String, String> i) {
      ids = Map.copyOf(i);
    }
  }
}
