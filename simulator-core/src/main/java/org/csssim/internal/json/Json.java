package org.csssim.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one JSON configuration of the simulator: every message, answer and stored document is
 * read and written with this mapper, so a rule about JSON (what a message may contain, how a
 * number is written) is made here once. The YAML of configuration and data files has its own
 * reader ({@code yaml}).
 */
public final class Json {
  /**
   * Shared, thread-safe once configured; never reconfigured after this class loads. A key twice
   * in one object, or anything after the value, is an error: otherwise a signature verifier and
   * a script could read different values from the same signed bytes.
   */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /** The tree of {@code json}; fails as Jackson does on what is not JSON. */
  public static JsonNode tree(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }

  /**
   * The tree of a message from outside, which must be UTF-8 (RFC 8259 §8.1): bytes that are not
   * (an overlong form, an encoded surrogate, a UTF-16 byte order mark) fail with where they are,
   * rather than being guessed at or replaced, and the text is parsed as decoded, so no other
   * encoding is detected from its first bytes.
   */
  public static JsonNode utf8Tree(byte[] json) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(json);
    CharBuffer text = CharBuffer.allocate(json.length);
    CoderResult result = decoder.decode(in, text, true);
    if (result.isError()) {
      throw new NotUtf8(in.position());
    }
    decoder.flush(text);
    text.flip();
    return MAPPER.readTree(new CharArrayReader(text.array(), 0, text.limit()));
  }

  /** Bytes that are not UTF-8, at {@link #offset}. */
  public static final class NotUtf8 extends IOException {
    private final int offset;

    NotUtf8(int offset) {
      super("the body is not valid UTF-8 (at byte " + offset + ")");
      this.offset = offset;
    }

    public int offset() {
      return offset;
    }
  }

  /** {@code value} (a tree, or maps, lists and scalars) as JSON bytes. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a value that cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Maps, lists and scalars as a tree. */
  public static JsonNode treeOf(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** A JSON object as the maps, lists and scalars scripts read. */
  public static Map<String, Object> map(JsonNode object) {
    return MAPPER.convertValue(object, MAP);
  }

  /** JSON bytes of an object as maps, lists and scalars. */
  public static Map<String, Object> map(byte[] json) {
    try {
      return MAPPER.readValue(json, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON object: " + e.getMessage(), e);
    }
  }

  /**
   * Puts {@code value} at {@code pointer} in {@code root}, making the objects on the way; a
   * member on the way that is not an object is replaced by one (pointers name members, not
   * array elements).
   */
  public static void set(com.fasterxml.jackson.databind.node.ObjectNode root, com.fasterxml.jackson.core.JsonPointer pointer,
                         JsonNode value) {
    com.fasterxml.jackson.databind.node.ObjectNode at = root;
    com.fasterxml.jackson.core.JsonPointer p = pointer;
    while (!p.tail().matches()) {
      JsonNode next = at.get(p.getMatchingProperty());
      at = next instanceof com.fasterxml.jackson.databind.node.ObjectNode o ? o : at.putObject(p.getMatchingProperty());
      p = p.tail();
    }
    at.set(p.getMatchingProperty(), value);
  }

  /** Merges {@code from} into {@code into}: objects member by member, anything else replacing what was there. */
  public static void merge(com.fasterxml.jackson.databind.node.ObjectNode into, JsonNode from) {
    if (from == null || !from.isObject()) {
      return;
    }
    from.properties().forEach(e -> {
      JsonNode there = into.get(e.getKey());
      if (there instanceof com.fasterxml.jackson.databind.node.ObjectNode o && e.getValue().isObject()) {
        merge(o, e.getValue());
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    });
  }
}
