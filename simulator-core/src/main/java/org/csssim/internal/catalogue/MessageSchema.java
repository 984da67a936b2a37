package org.csssim.internal.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.csssim.internal.yaml.Location;

/**
 * A message type's JSON Schema (draft 2020-12, formats asserted), compiled once at load. It
 * validates the whole message, so pointers read from the root ({@code /data/mpxn}).
 */
public final class MessageSchema {
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .pathType(PathType.JSON_POINTER)
      .formatAssertionsEnabled(true)
      .locale(Locale.ENGLISH)
      .regularExpressionFactory(EcmaRegex.INSTANCE)
      .build();

  /** Keywords reported at the parent object; the pointer should name the property itself. */
  private static final java.util.Set<String> NAMES_A_PROPERTY = java.util.Set.of("required", "additionalProperties",
      "dependentRequired", "unevaluatedProperties");

  private final JsonSchema schema;

  private MessageSchema(JsonSchema schema) {
    this.schema = schema;
  }

  /** Loads and fully resolves the schema (every {@code $ref}), so a broken one fails at load, not on a message. */
  public static MessageSchema load(Location location) {
    String id = location.onClasspath() ? location.value() : location.uri().toString();
    JsonSchema s = FACTORY.getSchema(SchemaLocation.of(id), CONFIG);
    s.initializeValidators();
    return new MessageSchema(s);
  }

  /** Violations in a stable order (by pointer, then keyword), so answers are reproducible. */
  public List<Violation> validate(JsonNode message) {
    List<Violation> out = new ArrayList<>();
    for (ValidationMessage m : schema.validate(message)) {
      String pointer = m.getInstanceLocation().toString();
      if (NAMES_A_PROPERTY.contains(m.getType()) && m.getProperty() != null) {
        pointer = ("/".equals(pointer) || pointer.isEmpty() ? "" : pointer) + "/" + m.getProperty();
      }
      if (pointer.isEmpty()) {
        pointer = "/";
      }
      out.add(new Violation(m.getType(), pointer, m.getMessage()));
    }
    out.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::keyword));
    return out;
  }
}
