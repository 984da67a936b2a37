package org.csssim.internal.error;

import java.util.Locale;
import java.util.Set;

/**
 * Every error code the intake answers with, and its HTTP status. The names are the stable codes
 * users match on; {@code docs/errors.md} lists them all (a test keeps the two in step).
 */
public enum ErrorCode {
  BODY_TOO_LARGE(413, "The body is over the listener's limit (listener.bodyLimit, 1 MiB by default); the connection is closed after the answer."),
  UNSUPPORTED_MEDIA_TYPE(415, "Content-Type is neither application/json (detached signature) nor application/jose (compact JWS)."),
  SIGNING_PROFILE_MISMATCH(415, "The sender is configured to sign with the other profile (detached or compact) than the one used."),
  MALFORMED_JSON(400, "The body (or the payload of a compact JWS) is not one JSON object, or has something after it."),
  BODY_NOT_UTF8(400, "The body is not valid UTF-8 (an overlong form, an encoded surrogate, UTF-16); the message gives the byte."),
  DUPLICATE_JSON_KEY(400, "An object in the body has the same key twice; the message names it."),
  BATCH_INVALID(400, "A batch body (a catalogue with batch:) is not a JSON array of 1 to batch.maxItems elements, each holding a message object at batch.item."),
  MALFORMED_JWS(400, "A body sent as application/jose is not a JWS compact serialization."),
  ENVELOPE_FIELD_MISSING(400, "A required envelope field is absent; the pointer names it."),
  ENVELOPE_FIELD_INVALID(400, "An envelope field has the wrong type or format; the pointer names it."),
  EVENT_TYPE_MISMATCH(400, "The envelope's eventType is a catalogue type, but not the one this path receives."),
  UNKNOWN_EVENT_TYPE(404, "The envelope's eventType is not in the loaded catalogue."),
  WEBHOOK_RECIPIENT_UNKNOWN(404, "A webhook for a party that is not a simulated party of this instance."),
  REQUEST_FRAMING_AMBIGUOUS(400, "The request has both Content-Length and Transfer-Encoding (RFC 9112 6.3); the connection is closed after the answer."),
  UNKNOWN_PATH(404, "No catalogue type (nor any other endpoint) is served on this path."),
  METHOD_NOT_ALLOWED(405, "The path exists but not with this HTTP method."),
  SIGNATURE_MISSING(401, "There is no X-JWS-Signature header (detached profile), or a header the catalogue's headerSignature names is missing."),
  SIGNATURE_DATE_INVALID(401, "The signature's timestamp header (headerSignature) is not an ISO date-time, or is further than maxSkew from the receiver's clock."),
  CONTENT_DIGEST_MISMATCH(401, "The digest header (headerSignature) is not the digest of the body as received."),
  SIGNATURE_MALFORMED(401, "The JWS is not three base64url parts, its header is not JSON, or a detached JWS carries a payload."),
  SIGNATURE_ALGORITHM_NOT_ALLOWED(401, "The JWS alg is not PS256, RS256 or ES256 (none and HMAC are never accepted)."),
  SIGNATURE_KID_MISSING(401, "The JWS protected header has no kid."),
  SIGNATURE_KEY_UNKNOWN(401, "No party of this instance has a key with that kid."),
  SIGNATURE_INVALID(401, "The signature does not verify over the bytes sent, or alg does not fit the key's type."),
  SIGNATURE_SENDER_MISMATCH(401, "The signature is valid but made with a key of another party than senderMpid."),
  SENDER_UNKNOWN(403, "The signer is not a party of this instance."),
  SENDER_ROLE_NOT_HELD(403, "senderRole is not one of the roles the sending party holds."),
  SENDER_NOT_ALLOWED(403, "The sender's role may not send this message type (catalogue senders)."),
  SENDER_NOT_PHYSICAL(403, "The sending party is simulated in this instance; only physical parties send to its endpoints."),
  TLS_CLIENT_MISMATCH(403, "Mutual TLS: the client certificate belongs to another party than the signer, or to none."),
  SCHEMA_REQUIRED(422, "A field the schema requires is absent."),
  SCHEMA_TYPE(422, "A field has the wrong JSON type."),
  SCHEMA_PATTERN(422, "A string does not match the schema's pattern."),
  SCHEMA_FORMAT(422, "A string is not in the schema's format (for example date: YYYY-MM-DD)."),
  SCHEMA_ENUM(422, "A value is not one of those the schema allows."),
  SCHEMA_CONST(422, "A value differs from the one the schema fixes."),
  SCHEMA_ADDITIONAL_PROPERTIES(422, "A field is not defined by the schema, which allows no others."),
  SCHEMA_LENGTH(422, "A string is shorter or longer than the schema allows."),
  SCHEMA_RANGE(422, "A number is outside the schema's range."),
  SCHEMA_VIOLATION(422, "Any other schema rule (the message names the keyword)."),
  EVENT_ID_REUSED(409, "The eventId was accepted before with a different body."),
  NO_RESPONDER(503, "An enquiry was accepted but nothing in this instance answers it."),
  INJECTED_FAULT(503, "An injected fault (the sender's errorRate) answered this message; nothing was accepted."),
  INJECTED_TIMEOUT(504, "An injected fault (the sender's timeoutRate) left this message unanswered; journaled with 504, nothing accepted."),
  INSTANCE_STANDBY(503, "This instance is a standby waiting for the active one's database (store.standby); retry, or send to the active one."),
  INTERNAL_ERROR(500, "The simulator failed; the message was not accepted and may be sent again."),
  ADMIN_TOKEN_MISSING(401, "An admin API call without Authorization: Bearer <token>."),
  ADMIN_TOKEN_INVALID(401, "An admin API call with a token that is not this instance's."),
  ADMIN_BAD_REQUEST(400, "An admin API call whose body or parameters are not what the route takes; the message says what is."),
  ADMIN_BODY_TOO_LARGE(413, "An admin API call whose body is over 64 KiB; the connection is closed after the answer."),
  ADMIN_NOT_FOUND(404, "An admin API call for a run, instance or other thing this instance does not have."),
  SCENARIO_PACK_INVALID(400, "A scenario pack reload was refused (file:line and reason given); the previous pack keeps running."),
  TEST_DATA_EXHAUSTED(409, "Fewer meter points of that fuel and supplier are left to hand out than were asked for.");

  private static final Set<String> LENGTH = Set.of("minLength", "maxLength");
  private static final Set<String> RANGE = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

  private final int status;
  private final String meaning;

  ErrorCode(int status, String meaning) {
    this.status = status;
    this.meaning = meaning;
  }

  public int status() {
    return status;
  }

  public String meaning() {
    return meaning;
  }

  /** The code for a failed JSON Schema keyword. */
  public static ErrorCode forSchemaKeyword(String keyword) {
    if (LENGTH.contains(keyword)) {
      return SCHEMA_LENGTH;
    }
    if (RANGE.contains(keyword)) {
      return SCHEMA_RANGE;
    }
    String name = "SCHEMA_" + keyword.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    for (ErrorCode c : values()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return SCHEMA_VIOLATION;
  }
}
