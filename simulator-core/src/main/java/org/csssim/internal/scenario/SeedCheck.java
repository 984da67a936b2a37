package org.csssim.internal.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.csssim.internal.catalogue.MessageSchema;
import org.csssim.internal.catalogue.Violation;
import org.csssim.internal.json.Json;
import org.csssim.internal.registration.Seed;
import org.csssim.internal.yaml.Location;
import org.csssim.internal.yaml.YamlBinder;

/**
 * The seed is checked like the rest of the pack, at load, with file:line: every meter point
 * against the pack's seed schema (its fuel types, its attributes' values), and each attribute the
 * pack names as a party ({@code seedParties}) against the parties of this instance. The check
 * digits are the seed's own check ({@link Seed}).
 */
final class SeedCheck {
  /**
   * Changed whenever what the check or the seed's reading accepts changes, so a seed a model
   * holds is read and checked again once by the release that checks it differently.
   */
  private static final String RULES = "seed-check/1 " + SeedCheck.class.getPackage().getImplementationVersion();

  private SeedCheck() {}

  /**
   * What the check's outcome rests on, as a digest: the seed's text, its schema's, the pointers
   * that name parties and the parties of this instance. A model that holds a seed of this digest
   * holds that same seed, checked against the same things.
   */
  static String digest(String seed, String schema, List<String> partyPointers, Set<String> partyNames) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (String part : List.of(RULES, seed, schema, String.join("\n", partyPointers), String.join("\n", new TreeSet<>(partyNames)))) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());   // lengths first: no two inputs run together
      sha256.update(bytes);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  static void check(Seed seed, Location file, MessageSchema schema, List<String> partyPointers, Set<String> partyNames) {
    List<Map<String, Object>> points = seed.meterPoints();
    for (int i = 0; i < points.size(); i++) {
      JsonNode point = Json.treeOf(points.get(i));
      if (schema != null) {
        List<Violation> violations = schema.validate(point);
        if (!violations.isEmpty()) {
          Violation v = violations.get(0);
          throw problem(file, "/meterPoints/" + i + ("/".equals(v.pointer()) ? "" : v.pointer()),
              "meter point " + point.path("mpxn").asText() + ": " + v.message());
        }
      }
      for (String pointer : partyPointers) {
        JsonNode party = point.at(pointer);
        if (party.isTextual() && !partyNames.contains(party.asText())) {
          throw problem(file, "/meterPoints/" + i + pointer, "meter point " + point.path("mpxn").asText() + ": '"
              + party.asText() + "' is not a party of this instance; its parties are " + partyNames);
        }
      }
    }
  }

  /** The problem at its line: the seed is read again for that, which happens only for an error. */
  private static RuntimeException problem(Location file, String pointer, String message) {
    return YamlBinder.problem(file.read(), file.toString(), pointer, message);
  }
}
