package org.csssim.internal.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Collectors;

/**
 * Binds YAML to records strictly: unknown keys, wrong types and values a record's constructor
 * refuses all become a {@link ConfigException} naming source:line, the key and the reason.
 * Shared by the instance configuration and the catalogue.
 */
public final class YamlBinder {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .registerModule(new SimpleModule()
          .addDeserializer(Duration.class, new Durations.Deserializer())
          .addDeserializer(LocalDate.class, new LocalDateDeserializer()))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private YamlBinder() {}

  public static <T> T bind(String yaml, String source, Class<T> type) {
    try {
      T value = YAML.readValue(yaml, type);
      if (value == null) {
        throw new ConfigException(source + ": the file is empty");
      }
      return value;
    } catch (ValueInstantiationException e) {
      String objectPath = pointer(e);
      String key = e.getCause() instanceof InvalidValue iv ? objectPath + "/" + iv.key() : objectPath;
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ConfigException(at(source, lineOf(yaml, key)) + "key '" + dotted(key) + "': " + cause.getMessage(), e);
    } catch (UnrecognizedPropertyException e) {
      String key = pointer(e);
      throw new ConfigException(at(source, lineOf(yaml, key)) + "unknown key '" + dotted(key) + "'; known keys here: "
          + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")), e);
    } catch (JsonMappingException e) {
      String key = pointer(e);
      int line = e.getLocation() != null ? e.getLocation().getLineNr() : lineOf(yaml, key);
      throw new ConfigException(at(source, line) + "key '" + dotted(key) + "': " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(at(source, line) + "not valid YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** For checks made after binding: the message for {@code pointer}, at its line. */
  public static ConfigException problem(String yaml, String source, String pointer, String message) {
    return new ConfigException(at(source, lineOf(yaml, pointer)) + "key '" + dotted(pointer) + "': " + message);
  }

  /** The line of a key, found by reading the document again: only ever done for an error. */
  private static int lineOf(String yaml, String pointer) {
    return YamlLocations.index(yaml).lineOf(pointer);
  }

  private static String at(String source, int line) {
    return line > 0 ? source + ":" + line + ": " : source + ": ";
  }

  private static String pointer(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      sb.append('/').append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
    }
    return sb.toString();
  }

  private static String dotted(String pointer) {
    return (pointer.startsWith("/") ? pointer.substring(1) : pointer).replace('/', '.');
  }
}
