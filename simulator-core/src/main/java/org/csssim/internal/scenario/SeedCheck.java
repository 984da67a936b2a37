package org.csssim.internal.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private SeedCheck() {}

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
