package org.csssim.internal.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csssim.internal.catalogue.MessageType;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * samples/messages holds a message for every inbound type of the reference catalogue, each is
 * taken by the intake as it stands once its placeholders are filled, and its README names each
 * type's route as the catalogue does.
 */
class SamplesTest {
  private static final Path SAMPLES = Path.of("../samples/messages");

  @Test
  void everyInboundTypeHasASampleTheIntakeAccepts() throws Exception {
    try (Harness h = Harness.start(Harness.physical("ERDA"))) {
      String mpxn = h.sim.registrations().meterPoints().stream()
          .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "E".equals(m.attributes().get("fuelType")))
          .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
      String fresh = h.sim.registrations().meterPoints().stream()
          .filter(m -> m.attributes().get("supplierMpid") == null && "E".equals(m.attributes().get("fuelType")))
          .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
      int checked = 0;
      for (MessageType type : h.sim.catalogue().inbound()) {
        if (type.spec().bodiless()) {
          continue;   // an enquiry has no body: its signature is over the path (RegistrationEnquiryTest)
        }
        Path sample = SAMPLES.resolve(type.eventType() + ".json");
        assertTrue(Files.exists(sample), "a sample of " + type.eventType());
        String sender = type.sentBy("Supplier") ? "SUPA" : "ERDA";
        Map<String, String> values = new HashMap<>(Map.of("sender", sender, "registrationId", "R-sample",
            "mpxn", type.eventType().startsWith("Initial") ? fresh : mpxn));
        String json = new MessageTemplate(Files.readString(sample), Clock.systemUTC()).render(1, values).json();
        Harness.Response r = h.postSigned(type.spec().path(), json, sender);
        assertEquals(202, r.status(), type.eventType() + ": " + r.body());
        checked++;
      }
      assertTrue(checked >= 9, "every inbound type with a body: " + checked);
    }
  }

  @Test
  void theReadmeNamesEachTypesRouteAsTheCatalogueDoes() throws Exception {
    String readme = Files.readString(SAMPLES.resolve("README.md"));
    Matcher row = Pattern.compile("\\| `(\\w+)\\.json` \\| `(POST|GET) ([^`]+)`").matcher(readme);
    Map<String, String> listed = new LinkedHashMap<>();
    while (row.find()) {
      listed.put(row.group(1), row.group(2) + " " + row.group(3));
    }
    try (Harness h = Harness.start()) {
      for (MessageType type : h.sim.catalogue().inbound()) {
        if (!type.spec().bodiless()) {
          assertEquals(type.spec().method() + " " + type.spec().path(), listed.get(type.eventType()), type.eventType());
        } else {
          assertTrue(readme.contains("`" + type.spec().method() + " " + type.spec().path() + "`"), type.eventType());
        }
      }
    }
  }

  @Test
  void aValueGivenForAnyPlaceholderWinsAndOneMissingIsNamed() {
    MessageTemplate t = new MessageTemplate("{\"c\":\"{{correlationId}}\",\"r\":\"{{registrationId}}\"}", Clock.systemUTC());
    assertEquals("{\"c\":\"C1\",\"r\":\"R1\"}", t.render(1, Map.of("correlationId", "C1", "registrationId", "R1")).json());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> t.render(1, Map.of()));
    assertTrue(e.getMessage().contains("{{registrationId}}"), e.getMessage());
  }
}
