package org.csssim.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.catalogue.MessageType;
import org.csssim.internal.catalogue.Violation;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.error.Problem;
import org.csssim.internal.error.Rejection;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.json.Json;
import org.csssim.internal.jws.JwsException;
import org.csssim.internal.jws.JwsVerifier;
import org.csssim.internal.jws.Signing;
import org.csssim.internal.message.Envelope;
import org.csssim.internal.message.Message;
import org.csssim.internal.party.FaultProfile;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.routing.Reply;
import org.csssim.internal.routing.Routed;
import org.csssim.internal.routing.Router;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.unit.Units;

/**
 * The intake pipeline for every inbound catalogue message, in the contract's order: (size limit,
 * applied by the server before this), media type, JSON parse, envelope, JWS signature, sender,
 * schema, idempotency, then journal and acknowledgement. The first failing step answers; a
 * rejected message changes no state and is still journaled. Safe to share between event loops.
 */
public final class Intake {
  private final Catalogue catalogue;
  private final Supplier<PartyRegistry> parties;
  private final JwsVerifier verifier;
  private final SenderCheck senders;
  private final IdempotencyStore idempotency;
  private final IntakeJournal journal;
  private final Units units;
  private final Router router;
  private final java.util.function.Function<String, FaultProfile> faults;
  private final Clock clock;

  public Intake(Catalogue catalogue, Supplier<PartyRegistry> parties, IdempotencyStore idempotency, JournalStore journal,
                Units units, Router router, int maxBodyChars, java.util.function.Function<String, FaultProfile> faults,
                Clock clock) {
    this.catalogue = catalogue;
    this.parties = parties;
    this.verifier = new JwsVerifier(kid -> parties.get().key(kid));
    this.senders = new SenderCheck(parties);
    this.idempotency = idempotency;
    this.journal = new IntakeJournal(journal, maxBodyChars, clock);
    this.units = units;
    this.router = router;
    this.faults = faults;
    this.clock = clock;
  }

  /** Handles a request on the route of {@code route}. */
  public Future<IntakeResponse> handle(MessageType route, IntakeRequest request) {
    return guarded(request, trace -> route.spec().bodiless() ? enquiry(route, request, trace)
        : message(route, null, request, trace));
  }

  /**
   * Handles a webhook for the simulated party {@code recipient}: a message the catalogue's
   * receiver (a physical CSS, in SIT mode) sends it. The same checks as any message; the sender
   * must hold the receiver role.
   */
  public Future<IntakeResponse> handleWebhook(String recipient, IntakeRequest request) {
    return guarded(request, trace -> {
      if (parties.get().party(recipient).map(p -> p.physical()).orElse(true)) {
        throw Rejection.of(ErrorCode.WEBHOOK_RECIPIENT_UNKNOWN, "no simulated party " + recipient + " takes webhooks here");
      }
      trace.recipient(recipient);
      return message(null, recipient, request, trace);
    });
  }

  private interface Step {
    Future<IntakeResponse> run(IntakeJournal.Trace trace) throws Rejection;
  }

  private Future<IntakeResponse> guarded(IntakeRequest request, Step step) {
    IntakeJournal.Trace trace = journal.trace(request);
    try {
      Future<IntakeResponse> answer = step.run(trace);
      return answer.recover(e -> reject(trace, Rejection.of(ErrorCode.INTERNAL_ERROR, "internal error: " + e.getMessage())));
    } catch (Rejection r) {
      return reject(trace, r);
    } catch (RuntimeException e) {
      return reject(trace, Rejection.of(ErrorCode.INTERNAL_ERROR, "internal error: " + e));
    }
  }

  /** Answers and journals a request refused before it reached a catalogue route (size, path, method). */
  public Future<IntakeResponse> refuse(IntakeRequest request, ErrorCode code, String message) {
    return reject(journal.trace(request), Rejection.of(code, message));
  }

  /** {@code route} is the catalogue route, or null for a webhook to {@code recipient}. */
  private Future<IntakeResponse> message(MessageType route, String recipient, IntakeRequest request,
                                         IntakeJournal.Trace trace) throws Rejection {
    Signing.Profile profile = profileOf(request.contentType());
    byte[] json = profile == Signing.Profile.compact ? compactPayload(request.body()) : request.body();
    JsonNode message = parse(json);
    trace.message(message, json);
    Envelope envelope = Envelope.read(message);
    trace.envelope(envelope);
    MessageType type = typeOf(route, envelope.eventType());
    JwsVerifier.Verified signature = verify(profile, request, json);
    if (!signature.key().owner().equals(envelope.senderMpid())) {
      throw Rejection.of(ErrorCode.SIGNATURE_SENDER_MISMATCH, "the signature is by a key of "
          + signature.key().owner() + ", not of the claimed sender " + envelope.senderMpid(), "/senderMpid");
    }
    if (recipient == null) {
      senders.check(type, signature, envelope.senderRole(), profile, request.clientCertificate());
    } else {
      senders.checkReceiver(catalogue.receiver(), signature, envelope.senderRole(), profile, request.clientCertificate());
    }
    injectFaults(envelope.senderMpid());
    checkSchema(type, message);
    trace.keys(type.keysOf(message));

    Map<String, String> ids = type.ackIds(message);
    byte[] ack = Answers.accepted(envelope.eventId(), envelope.correlationId(), ids);
    IdempotencyStore.StoredAck stored = new IdempotencyStore.StoredAck(envelope.eventId(), digest(request.body()), ack);
    // The claim, the journal entry and the recipient's inbox entry are one unit, committed before
    // the acknowledgement: a failure undoes all three, releases the claim in memory, and answers 500.
    Unit unit = units.begin();
    return idempotency.claim(stored, unit).compose(claim -> {
      if (!claim.fresh()) {
        return repeat(claim.existing(), stored, trace);
      }
      trace.ids(ids);
      String to = recipient != null ? recipient
          : parties.get().receiverOf(catalogue.receiver()).map(Party::mpid).orElse(null);
      Routed routed = new Routed(type.eventType(), Message.parsed(json, message), envelope.senderMpid(), to,
          trace.keys(), ids, true, clock.instant());
      journal.record(trace, 202, JournalEntry.Outcome.ACCEPTED, List.of(), unit);
      Future<Optional<Reply>> reply = router.accept(routed, unit);
      return unit.commit()
          .recover(failure -> idempotency.release(envelope.eventId()).transform(x -> Future.failedFuture(failure)))
          .compose(x -> reply.otherwise(Optional.empty()))
          .map(r -> r.map(Intake::replied).orElseGet(() -> json(202, Map.of(), ack)))
          .recover(failure -> reject(trace, Rejection.of(ErrorCode.INTERNAL_ERROR,
              "the message could not be journaled, so it was not accepted: " + failure.getMessage())));
    });
  }

  private Future<IntakeResponse> enquiry(MessageType type, IntakeRequest request, IntakeJournal.Trace trace)
      throws Rejection {
    if (request.signature() == null || request.signature().isBlank()) {
      throw Rejection.of(ErrorCode.SIGNATURE_MISSING, "an enquiry is signed: X-JWS-Signature over the path and query as sent");
    }
    JwsVerifier.Verified signature = verifyDetached(request.signature(), request.uri().getBytes(StandardCharsets.UTF_8));
    trace.enquiry(type.eventType(), signature.key().owner());
    String role = senders.check(type, signature, null, Signing.Profile.detached, request.clientCertificate());
    ObjectNode message = Json.MAPPER.createObjectNode();
    ObjectNode path = message.putObject("path");
    request.pathParams().forEach(path::put);
    ObjectNode query = message.putObject("query");
    request.query().forEach((k, v) -> query.put(k, v.get(0)));
    checkSchema(type, message);
    trace.keys(type.keysOf(message));
    Routed routed = new Routed(type.eventType(), Message.parsed(Json.bytes(message), message), signature.key().owner(),
        parties.get().receiverOf(catalogue.receiver()).map(Party::mpid).orElse(null), trace.keys(), Map.of(), true,
        clock.instant());
    return router.accept(routed, units.begin()).compose(reply -> {
      if (reply.isEmpty()) {
        return reject(trace, Rejection.of(ErrorCode.NO_RESPONDER, "nothing in this instance answers " + type.eventType()));
      }
      IntakeResponse answer = replied(reply.get());
      return journal.record(trace, answer.status(), JournalEntry.Outcome.ANSWERED, List.of()).map(answer);
    });
  }

  private Future<IntakeResponse> repeat(IdempotencyStore.StoredAck earlier, IdempotencyStore.StoredAck now,
                                        IntakeJournal.Trace trace) {
    if (earlier.sameBody(now.bodyDigest())) {
      return journal.record(trace, 202, JournalEntry.Outcome.DUPLICATE, List.of())
          .map(seq -> json(202, Map.of("X-Duplicate", "true"), earlier.ackBody()));
    }
    return reject(trace, Rejection.of(ErrorCode.EVENT_ID_REUSED, "eventId " + now.eventId()
        + " was accepted before with a different body", "/eventId"));
  }

  private Future<IntakeResponse> reject(IntakeJournal.Trace trace, Rejection r) {
    boolean withheld = r.errors().get(0).code().equals(ErrorCode.INJECTED_TIMEOUT.name());
    IntakeResponse answer = new IntakeResponse(r.status(), Map.of(), Answers.JSON, Answers.rejected(trace.eventId(), r.errors()),
        withheld);
    // answered at once: a refusal changes no state, so its journal entry (queued now, seen by
    // every query from now on) need not be committed first
    journal.record(trace, r.status(), JournalEntry.Outcome.REJECTED, r.errors());
    return Future.succeededFuture(answer);
  }

  /** The sender's injected faults: an error answer, or none at all (the server then drops the connection later). */
  private void injectFaults(String sender) throws Rejection {
    FaultProfile f = faults.apply(sender);
    if (FaultProfile.roll(f.timeoutRate())) {
      throw Rejection.of(ErrorCode.INJECTED_TIMEOUT, "not answered: an injected timeout for " + sender);
    }
    if (FaultProfile.roll(f.errorRate())) {
      throw Rejection.of(ErrorCode.INJECTED_FAULT, "an injected fault for " + sender + " answers 503");
    }
  }

  private static Signing.Profile profileOf(String contentType) throws Rejection {
    String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return switch (media) {
      case "application/json" -> Signing.Profile.detached;
      case "application/jose" -> Signing.Profile.compact;
      default -> throw Rejection.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType
          + "' is not accepted; send application/json with X-JWS-Signature, or application/jose");
    };
  }

  private static byte[] compactPayload(byte[] body) throws Rejection {
    try {
      return JwsVerifier.compactPayload(new String(body, StandardCharsets.US_ASCII));
    } catch (JwsException | IllegalArgumentException e) {
      throw Rejection.of(ErrorCode.MALFORMED_JWS, "an application/jose body must be a JWS compact serialization");
    }
  }

  /** The message's tree: UTF-8, one JSON object, each key once, nothing after it. */
  private static JsonNode parse(byte[] json) throws Rejection {
    for (int i = 0; i < json.length; i++) {
      if (json[i] == 0) {   // valid UTF-8, but never in JSON text: UTF-16 or UTF-32, which would parse if guessed at
        throw Rejection.of(ErrorCode.BODY_NOT_UTF8, "the body has a NUL byte (at byte " + i
            + "), so it is not UTF-8 JSON (UTF-16 perhaps); JSON between systems is UTF-8 (RFC 8259)");
      }
    }
    try {
      JsonNode n = Json.utf8Tree(json);
      if (n == null || !n.isObject()) {
        throw Rejection.of(ErrorCode.MALFORMED_JSON, "the message must be a JSON object");
      }
      return n;
    } catch (Json.NotUtf8 e) {
      throw Rejection.of(ErrorCode.BODY_NOT_UTF8, e.getMessage() + "; JSON between systems is UTF-8 (RFC 8259)");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String why = e.getOriginalMessage();
      if (why.startsWith("Duplicate field")) {
        throw Rejection.of(ErrorCode.DUPLICATE_JSON_KEY, why.replace("Duplicate field", "the key")
            + " appears twice in one object (at " + location(e) + "); each key once, so every reader sees the same value");
      }
      throw Rejection.of(ErrorCode.MALFORMED_JSON, "the body is not valid JSON: " + why + " (at " + location(e) + ")");
    } catch (java.io.IOException e) {
      throw Rejection.of(ErrorCode.MALFORMED_JSON, "the body is not valid JSON: " + e.getMessage());
    }
  }

  private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
    var l = e.getLocation();
    return l == null ? "unknown position" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  private MessageType typeOf(MessageType route, String eventType) throws Rejection {
    if (route != null && route.eventType().equals(eventType)) {
      return route;
    }
    if (catalogue.type(eventType).isEmpty()) {
      throw Rejection.of(ErrorCode.UNKNOWN_EVENT_TYPE, "eventType " + eventType + " is not in the catalogue "
          + catalogue.name() + " " + catalogue.release(), "/eventType");
    }
    if (route == null) {
      return catalogue.type(eventType).orElseThrow();   // a webhook may carry any catalogue type
    }
    throw Rejection.of(ErrorCode.EVENT_TYPE_MISMATCH, "this path receives " + route.eventType() + ", not " + eventType,
        "/eventType");
  }

  private JwsVerifier.Verified verify(Signing.Profile profile, IntakeRequest request, byte[] json)
      throws Rejection {
    if (profile == Signing.Profile.compact) {
      try {
        return verifier.verifyCompact(new String(request.body(), StandardCharsets.US_ASCII)).signature();
      } catch (JwsException e) {
        throw signatureRejection(e);
      }
    }
    if (request.signature() == null || request.signature().isBlank()) {
      throw Rejection.of(ErrorCode.SIGNATURE_MISSING, "the X-JWS-Signature header is missing");
    }
    return verifyDetached(request.signature(), json);
  }

  private JwsVerifier.Verified verifyDetached(String header, byte[] content) throws Rejection {
    try {
      return verifier.verifyDetached(header.trim(), content);
    } catch (JwsException e) {
      throw signatureRejection(e);
    }
  }

  private static Rejection signatureRejection(JwsException e) {
    ErrorCode code = switch (e.reason()) {
      case MALFORMED -> ErrorCode.SIGNATURE_MALFORMED;
      case ALGORITHM_NOT_ALLOWED -> ErrorCode.SIGNATURE_ALGORITHM_NOT_ALLOWED;
      case KID_MISSING -> ErrorCode.SIGNATURE_KID_MISSING;
      case KEY_UNKNOWN -> ErrorCode.SIGNATURE_KEY_UNKNOWN;
      case INVALID -> ErrorCode.SIGNATURE_INVALID;
    };
    return Rejection.of(code, e.getMessage());
  }

  private static void checkSchema(MessageType type, JsonNode message) throws Rejection {
    List<Violation> violations = type.schema().validate(message);
    if (!violations.isEmpty()) {
      throw new Rejection(422, violations.stream()
          .map(v -> new Problem(ErrorCode.forSchemaKeyword(v.keyword()).name(), v.message(), v.pointer()))
          .toList());
    }
  }

  private static byte[] digest(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static IntakeResponse replied(Reply reply) {
    return new IntakeResponse(reply.status(), Map.of(), reply.contentType(), reply.body());
  }

  private static IntakeResponse json(int status, Map<String, String> headers, byte[] body) {
    return new IntakeResponse(status, headers, Answers.JSON, body);
  }
}
