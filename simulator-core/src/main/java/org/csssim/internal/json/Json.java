package org.csssim.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one JSON configuration of the simulator: every message, answer and stored document is
 * read and written with this mapper, so a rule about JSON (what a message may contain, how a
 * number is written) is made here once. The YAML of configuration and data files has its own
 * reader ({@code yaml}).
 */
public final class Json {
  /** Shared, thread-safe once configured; never reconfigured after this class loads. */
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /** The tree of {@code json}; fails as Jackson does on what is not JSON. */
  public static JsonNode tree(byte[] json) throws IOException {
    return MAPPER.readTree(json);
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
}
