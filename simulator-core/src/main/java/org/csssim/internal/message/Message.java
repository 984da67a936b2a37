package org.csssim.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.csssim.internal.json.Json;

/**
 * One message, the same object from the intake to delivery: its exact JSON bytes (what was
 * signed, what is journaled and stored, what is signed again and sent) and the tree they parse
 * to, parsed at most once. The intake hands over the tree it parsed; a message read back from
 * the store is parsed only if something reads it; a message a script writes is serialised
 * once, here. Scripts read the same message as maps and lists ({@link #map()}), made once.
 *
 * <p>Immutable once made: the tree is never changed after it is built, so the lazily made
 * views may be made on whichever thread first asks (each is a pure function of the bytes).
 */
public final class Message {
  private final byte[] bytes;
  private final EnvelopeLayout layout;
  private JsonNode tree;
  private Map<String, Object> map;
  private Envelope envelope;

  private Message(byte[] bytes, JsonNode tree, EnvelopeLayout layout) {
    this.bytes = bytes;
    this.tree = tree;
    this.layout = layout;
  }

  /** A message of the contract's layout as bytes, parsed when first read. */
  public static Message of(byte[] json) {
    return of(json, EnvelopeLayout.DEFAULT);
  }

  /** A message of the contract's layout as bytes, parsed when first read. */
  public static Message of(String json) {
    return of(json.getBytes(StandardCharsets.UTF_8), EnvelopeLayout.DEFAULT);
  }

  /** A message as bytes, its envelope where {@code layout} says, parsed when first read. */
  public static Message of(byte[] json, EnvelopeLayout layout) {
    return new Message(json, null, layout);
  }

  /** A message whose bytes were parsed already (by the intake), to {@code tree}. */
  public static Message parsed(byte[] json, JsonNode tree, EnvelopeLayout layout) {
    return new Message(json, tree, layout);
  }

  /** The same message with {@code members} merged into it (as {@link EnvelopeLayout#write} merges), written again. */
  public Message with(Map<String, ?> members) {
    if (members.isEmpty()) {
      return this;
    }
    ObjectNode t = tree().deepCopy();
    Json.merge(t, Json.treeOf(members));
    return new Message(Json.bytes(t), t, layout);
  }

  /**
   * A new message: the envelope, then {@code data} (maps, lists and scalars, as a script
   * renders them), written once. The only place the simulator writes an envelope.
   */
  public static Message write(Envelope envelope, Object data) {
    return write(EnvelopeLayout.DEFAULT, envelope, Map.of(), data);
  }

  /**
   * As {@link #write(Envelope, Object)}, in {@code layout}, with further envelope members merged
   * after the envelope's own and before the data (a catalogue's {@code eventStatus}, say): what
   * they are is the pack's data, not this code's.
   */
  public static Message write(EnvelopeLayout layout, Envelope envelope, Map<String, ?> members, Object data) {
    ObjectNode tree = layout.write(envelope, members, data);
    Message m = new Message(Json.bytes(tree), tree, layout);
    m.envelope = envelope;
    return m;
  }

  /**
   * The same message holding only its bytes and its envelope: all that a message waiting in a
   * queue needs to be signed, sent and journaled. Its tree and its maps, two to three times the
   * bytes' size, are made again only if something reads them.
   */
  public Message compact() {
    if (tree == null && map == null) {
      if (envelope == null) {
        envelope = layout.of(parse());   // read once now, so that no later read leaves the tree behind
      }
      return this;
    }
    Message m = new Message(bytes, null, layout);
    m.envelope = envelope();
    return m;
  }

  public byte[] bytes() {
    return bytes;
  }

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public JsonNode tree() {
    JsonNode t = tree;
    if (t == null) {
      t = parse();
      tree = t;
    }
    return t;
  }

  private JsonNode parse() {
    try {
      return Json.tree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored message is not JSON: " + e.getMessage(), e);
    }
  }

  /** The message as the maps, lists and scalars a script's expressions read. */
  public Map<String, Object> map() {
    Map<String, Object> m = map;
    if (m == null) {
      m = java.util.Collections.unmodifiableMap(Json.map(tree()));
      map = m;
    }
    return m;
  }

  /** Its envelope as written, unchecked (the intake checks it with {@link Envelope#read}). */
  public Envelope envelope() {
    Envelope e = envelope;
    if (e == null) {
      e = layout.of(tree());
      envelope = e;
    }
    return e;
  }

  public EnvelopeLayout layout() {
    return layout;
  }

  public String eventId() {
    return envelope().eventId();
  }

  public String eventType() {
    return envelope().eventType();
  }

  public String correlationId() {
    return envelope().correlationId();
  }

  public String senderMpid() {
    return envelope().senderMpid();
  }

  @Override
  public String toString() {
    return text();
  }
}
