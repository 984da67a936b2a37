package org.csssim.scenario;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A message kept as JSON bytes and read back as the maps scripts see. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  static byte[] bytes(Map<String, Object> message) {
    try {
      return MAPPER.writeValueAsBytes(message);
    } catch (IOException e) {
      throw new UncheckedIOException("a message that cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  static Map<String, Object> map(byte[] json) {
    try {
      return MAPPER.readValue(json, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
