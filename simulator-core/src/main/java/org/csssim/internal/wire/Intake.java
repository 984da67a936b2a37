package org.csssim.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.catalogue.CatalogueSpec;
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
import org.csssim.internal.signature.HeaderSignature;
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
  /** The catalogue's acknowledgement body as a tree, made once: it is filled in for every message accepted. */
  private final JsonNode ackTemplate;

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
    this.ackTemplate = Json.treeOf(catalogue.acknowledgement().body());
  }

  /** Handles a request on {@code route}. */
  public Future<IntakeResponse> handle(Catalogue.Route route, IntakeRequest request) {
    return guarded(request, trace -> route.bodiless() ? enquiry(route.types().get(0), request, trace)
        : message(route, null, request, trace));
  }

  /** Handles a request on the route of {@code type} alone. */
  public Future<IntakeResponse> handle(MessageType type, IntakeRequest request) {
    return handle(new Catalogue.Route(type.spec().method(), type.spec().path(), List.of(type)), request);
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

  /** A message's claim of its eventId: the acknowledgement it claimed with, and the ids in it. */
  private record Claimed(IdempotencyStore.Claim claim, IdempotencyStore.StoredAck ack, Map<String, String> ids) {
    boolean fresh() {
      return claim.fresh();
    }

    IdempotencyStore.StoredAck existing() {
      return claim.existing();
    }
  }

  /** One message of a request, checked, with the journal trace it is recorded by. */
  private record Item(MessageType type, Envelope envelope, JsonNode tree, byte[] json, IntakeJournal.Trace trace) {}

  /**
   * {@code route} is the catalogue route, or null for a webhook to {@code recipient}. Every
   * message of a batch is checked before any is claimed, and all are accepted in one unit or
   * none is: a batch is answered whole.
   */
  private Future<IntakeResponse> message(Catalogue.Route route, String recipient, IntakeRequest request,
                                         IntakeJournal.Trace trace) throws Rejection {
    Signing.Profile profile = profileOf(request.contentType());
    byte[] json = profile == Signing.Profile.compact ? compactPayload(request.body()) : request.body();
    List<Item> items = items(route, json, trace);
    JwsVerifier.Verified signature = verify(profile, request, json);
    String rolePointer = catalogue.layout().pointer("senderRole");
    for (Item item : items) {
      Envelope envelope = item.envelope();
      if (recipient != null && catalogue.relays()) {
        // a hub's delivery: another party's message, signed by the hub holding the receiver role
        senders.checkReceiver(catalogue.receiver(), signature, catalogue.receiver(), null, request.clientCertificate(),
            rolePointer);
        continue;
      }
      if (!signature.key().owner().equals(envelope.senderMpid())) {
        throw Rejection.of(ErrorCode.SIGNATURE_SENDER_MISMATCH, "the signature is by a key of "
            + signature.key().owner() + ", not of the claimed sender " + envelope.senderMpid(),
            item.trace().at() + catalogue.layout().pointer("senderMpid"));
      }
      Signing.Profile used = catalogue.headerSignature().isPresent() ? null : profile;
      if (recipient == null) {
        senders.check(item.type(), signature, envelope.senderRole(), used, request.clientCertificate(), rolePointer);
      } else {
        senders.checkReceiver(catalogue.receiver(), signature, envelope.senderRole(), used, request.clientCertificate(),
            rolePointer);
      }
    }
    injectFaults(signature.key().owner());
    List<Problem> violations = new ArrayList<>();
    for (Item item : items) {
      violations.addAll(schemaViolations(item.type(), item.tree(), item.trace().at()));
    }
    if (!violations.isEmpty()) {
      throw new Rejection(422, violations);
    }
    items.forEach(item -> item.trace().keys(item.type().keysOf(item.tree())));
    String to = recipient != null ? recipient
        : parties.get().receiverOf(catalogue.receiver()).map(Party::mpid).orElse(null);
    // The claims, the journal entries and the recipient's inbox entries are one unit, committed
    // before the acknowledgement: a failure undoes them all, releases the claims in memory, and answers 500.
    Unit unit = units.begin();
    return claim(items, unit).compose(claims -> {
      boolean reused = claims.stream().anyMatch(c -> !c.fresh() && !c.existing().sameBody(c.ack().bodyDigest()));
      if (reused || claims.stream().noneMatch(Claimed::fresh)) {
        return releaseFresh(claims).compose(x -> repeat(items, claims, trace));
      }
      List<Future<Optional<Reply>>> replies = new ArrayList<>();
      List<byte[]> acks = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        Item item = items.get(i);
        Claimed claim = claims.get(i);
        if (!claim.fresh()) {
          journal.record(item.trace(), ack().status(), JournalEntry.Outcome.DUPLICATE, List.of());
          acks.add(claim.existing().ackBody());
          continue;
        }
        Map<String, String> ids = claim.ids();
        item.trace().ids(ids);
        Routed routed = new Routed(item.type().eventType(), Message.parsed(item.json(), item.tree(), catalogue.layout()),
            item.envelope().senderMpid(), to, item.trace().keys(), ids, true, clock.instant());
        journal.record(item.trace(), ack().status(), JournalEntry.Outcome.ACCEPTED, List.of(), unit);
        replies.add(router.accept(routed, unit));
        acks.add(claim.ack().ackBody());
      }
      return unit.commit()
          .recover(failure -> releaseFresh(claims).transform(x -> Future.failedFuture(failure)))
          .compose(x -> items.size() == 1 && batch().isEmpty()
              ? replies.get(0).otherwise(Optional.empty()) : Future.succeededFuture(Optional.<Reply>empty()))
          .map(r -> r.map(Intake::replied).orElseGet(() -> json(ack().status(), Map.of(), answer(acks))))
          .recover(failure -> reject(trace, Rejection.of(ErrorCode.INTERNAL_ERROR,
              "the message could not be journaled, so it was not accepted: " + failure.getMessage())));
    });
  }

  /** The request's messages: the body itself, or each element of a batch at the catalogue's item pointer. */
  private List<Item> items(Catalogue.Route route, byte[] json, IntakeJournal.Trace trace) throws Rejection {
    Optional<CatalogueSpec.Batch> batch = batch();
    JsonNode body = parse(json, batch.isPresent());
    if (batch.isEmpty()) {
      trace.message(body, json, catalogue.layout());
      Envelope envelope = catalogue.layout().read(body);
      trace.envelope(envelope);
      return List.of(new Item(typeOf(route, envelope.eventType(), ""), envelope, body, json, trace));
    }
    CatalogueSpec.Batch b = batch.get();
    if (body.isEmpty() || body.size() > b.maxItems()) {
      throw Rejection.of(ErrorCode.BATCH_INVALID, "a body is an array of 1 to " + b.maxItems() + " messages, not "
          + body.size());
    }
    List<Item> items = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      String at = "/" + i + b.item();
      JsonNode message = body.get(i).at(b.item());
      if (!message.isObject()) {
        problems.add(Problem.of(ErrorCode.BATCH_INVALID, "element " + i + " has no message object at " + b.item(), at));
        continue;
      }
      IntakeJournal.Trace t = trace.item(at, message);
      try {
        Envelope envelope = catalogue.layout().read(message);
        t.envelope(envelope);
        items.add(new Item(typeOf(route, envelope.eventType(), ""), envelope, message, Json.bytes(message), t));
      } catch (Rejection r) {
        String which = "message " + i + ": ";
        r.errors().forEach(e -> problems.add(new Problem(e.code(), which + e.message(),
            e.pointer() == null ? at : at + e.pointer())));
      }
    }
    if (!problems.isEmpty()) {
      throw new Rejection(problems.stream().anyMatch(p -> p.code().equals(ErrorCode.UNKNOWN_EVENT_TYPE.name())) ? 404 : 400,
          problems);
    }
    trace.envelope(items.get(0).envelope());
    return items;
  }

  /**
   * Claims every message's eventId in turn. A claim can fail (a durable store that could not be
   * read); then the batch's claims made before it are released, so no eventId stays held for a
   * message that was not accepted.
   */
  private Future<List<Claimed>> claim(List<Item> items, Unit unit) {
    List<Claimed> claimed = new ArrayList<>();
    Future<Void> all = Future.succeededFuture();
    for (Item item : items) {
      Map<String, String> ids = item.type().ackIds(item.tree());
      byte[] ack = acknowledgement(item.envelope(), ids);
      var stored = new IdempotencyStore.StoredAck(item.envelope().eventId(), digest(item.json()), ack);
      all = all.compose(x -> idempotency.claim(stored, unit).map(c -> {
        claimed.add(new Claimed(c, stored, ids));
        return null;
      }));
    }
    return all.transform(ar -> ar.succeeded() ? Future.succeededFuture(claimed)
        : releaseFresh(claimed).transform(x -> Future.failedFuture(ar.cause())));
  }

  private Future<Void> releaseFresh(List<Claimed> claims) {
    Future<Void> all = Future.succeededFuture();
    for (Claimed c : claims) {
      if (c.fresh()) {
        all = all.compose(x -> idempotency.release(c.ack().eventId()));
      }
    }
    return all;
  }

  private Optional<CatalogueSpec.Batch> batch() {
    return catalogue.batch();
  }

  private CatalogueSpec.Acknowledgement ack() {
    return catalogue.acknowledgement();
  }

  /** The acknowledgement of one message, from the catalogue's template. */
  private byte[] acknowledgement(Envelope e, Map<String, String> ids) {
    Map<String, String> members = Map.of("{eventId}", String.valueOf(e.eventId()),
        "{correlationId}", String.valueOf(e.correlationId()), "{eventType}", String.valueOf(e.eventType()),
        "{senderMpid}", String.valueOf(e.senderMpid()));
    JsonNode body = Answers.filled(ackTemplate, members);
    ObjectNode n = body.isObject() ? (ObjectNode) body : Json.MAPPER.createObjectNode();
    ids.forEach(n::put);
    return Json.bytes(n);
  }

  /** The answer to an accepted request: its acknowledgement, or a batch's acknowledgements as an array. */
  private byte[] answer(List<byte[]> acks) {
    if (batch().isEmpty()) {
      return acks.get(0);
    }
    var array = Json.MAPPER.createArrayNode();
    for (byte[] a : acks) {
      try {
        array.add(Json.tree(a));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return Json.bytes(array);
  }

  private Future<IntakeResponse> enquiry(MessageType type, IntakeRequest request, IntakeJournal.Trace trace)
      throws Rejection {
    if (request.signature() == null || request.signature().isBlank()) {
      throw Rejection.of(ErrorCode.SIGNATURE_MISSING, "an enquiry is signed: X-JWS-Signature over the path and query as sent");
    }
    JwsVerifier.Verified signature = verifyDetached(request.signature(), request.uri().getBytes(StandardCharsets.UTF_8));
    trace.enquiry(type.eventType(), signature.key().owner());
    String role = senders.check(type, signature, null, Signing.Profile.detached, request.clientCertificate(), null);
    ObjectNode message = Json.MAPPER.createObjectNode();
    ObjectNode path = message.putObject("path");
    request.pathParams().forEach(path::put);
    ObjectNode query = message.putObject("query");
    request.query().forEach((k, v) -> query.put(k, v.get(0)));
    checkSchema(type, message);
    trace.keys(type.keysOf(message));
    Routed routed = new Routed(type.eventType(), Message.parsed(Json.bytes(message), message, catalogue.layout()),
        signature.key().owner(),
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

  /**
   * A request every message of which was accepted before: answered again with the earlier
   * acknowledgements; or one that reuses an eventId with another body: refused whole.
   */
  private Future<IntakeResponse> repeat(List<Item> items, List<Claimed> claims, IntakeJournal.Trace trace) {
    List<byte[]> acks = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Claimed c = claims.get(i);
      if (!c.fresh() && !c.existing().sameBody(c.ack().bodyDigest())) {
        return reject(trace, Rejection.of(ErrorCode.EVENT_ID_REUSED, "eventId " + c.ack().eventId()
            + " was accepted before with a different body", items.get(i).trace().at() + catalogue.layout().pointer("eventId")));
      }
      acks.add(c.existing().ackBody());
    }
    Future<Long> journaled = Future.succeededFuture();
    for (Item item : items) {
      journaled = journal.record(item.trace(), ack().status(), JournalEntry.Outcome.DUPLICATE, List.of());
    }
    return journaled.map(seq -> json(ack().status(), Map.of("X-Duplicate", "true"), answer(acks)));
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

  /** The body's tree: UTF-8, one JSON object (or array, for a batch), each key once, nothing after it. */
  private static JsonNode parse(byte[] json, boolean array) throws Rejection {
    for (int i = 0; i < json.length; i++) {
      if (json[i] == 0) {   // valid UTF-8, but never in JSON text: UTF-16 or UTF-32, which would parse if guessed at
        throw Rejection.of(ErrorCode.BODY_NOT_UTF8, "the body has a NUL byte (at byte " + i
            + "), so it is not UTF-8 JSON (UTF-16 perhaps); JSON between systems is UTF-8 (RFC 8259)");
      }
    }
    try {
      JsonNode n = Json.utf8Tree(json);
      if (array && (n == null || !n.isArray())) {
        throw Rejection.of(ErrorCode.BATCH_INVALID, "the body must be a JSON array of messages");
      }
      if (!array && (n == null || !n.isObject())) {
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

  /** The catalogue type of a message on {@code route} (any type, for a webhook); {@code at} is the message's place in the body. */
  private MessageType typeOf(Catalogue.Route route, String eventType, String at) throws Rejection {
    String pointer = at + catalogue.layout().pointer("eventType");
    if (route != null && route.type(eventType).isPresent()) {
      return route.type(eventType).get();
    }
    if (catalogue.type(eventType).isEmpty()) {
      throw Rejection.of(ErrorCode.UNKNOWN_EVENT_TYPE, "eventType " + eventType + " is not in the catalogue "
          + catalogue.name() + " " + catalogue.release(), pointer);
    }
    if (route == null) {
      return catalogue.type(eventType).orElseThrow();   // a webhook may carry any catalogue type
    }
    throw Rejection.of(ErrorCode.EVENT_TYPE_MISMATCH, "this path receives " + String.join(", ", route.eventTypes())
        + ", not " + eventType, pointer);
  }

  private JwsVerifier.Verified verify(Signing.Profile profile, IntakeRequest request, byte[] json)
      throws Rejection {
    if (catalogue.headerSignature().isPresent()) {
      return verifyHeaders(catalogue.headerSignature().get(), request);
    }
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

  /** A header signature over the request, by a certificate that carries a key of a party of this instance. */
  private JwsVerifier.Verified verifyHeaders(HeaderSignature scheme, IntakeRequest request) throws Rejection {
    java.security.cert.X509Certificate cert;
    try {
      cert = scheme.verify(request.method(), request.url() == null ? "" : request.url(), request.body(), request::header,
          java.time.Instant.now());
    } catch (HeaderSignature.Refused e) {
      ErrorCode code = switch (e.reason()) {
        case MISSING -> ErrorCode.SIGNATURE_MISSING;
        case MALFORMED -> ErrorCode.SIGNATURE_MALFORMED;
        case DIGEST_MISMATCH -> ErrorCode.CONTENT_DIGEST_MISMATCH;
        case DATE_INVALID -> ErrorCode.SIGNATURE_DATE_INVALID;
        case KEY_UNKNOWN -> ErrorCode.SIGNATURE_KEY_UNKNOWN;
        case INVALID -> ErrorCode.SIGNATURE_INVALID;
      };
      throw Rejection.of(code, e.getMessage());
    }
    String kid;
    try {
      kid = org.csssim.internal.pki.KeyIds.kid(cert);
    } catch (IllegalArgumentException e) {
      throw Rejection.of(ErrorCode.SIGNATURE_MALFORMED, e.getMessage());
    }
    var key = parties.get().key(kid).orElseThrow(() -> Rejection.of(ErrorCode.SIGNATURE_KEY_UNKNOWN,
        "the certificate " + cert.getSubjectX500Principal().getName() + " carries no key of a party of this instance"));
    return new JwsVerifier.Verified(key, scheme.algorithm());
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
    List<Problem> violations = schemaViolations(type, message, "");
    if (!violations.isEmpty()) {
      throw new Rejection(422, violations);
    }
  }

  private static List<Problem> schemaViolations(MessageType type, JsonNode message, String at) {
    List<Violation> violations = type.schema().validate(message);
    return violations.stream()
        .map(v -> new Problem(ErrorCode.forSchemaKeyword(v.keyword()).name(), v.message(), at + v.pointer()))
        .toList();
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
