package org.csssim.internal.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.Location;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

class CatalogueTest {
  private static final Location REFERENCE = new Location(SimulatorConfig.REFERENCE_CATALOGUE);

  @Test
  void theReferenceCatalogueHasEveryTypeOfTheContract() {
    Catalogue c = Catalogue.load(REFERENCE);
    Set<String> inbound = c.inbound().stream().map(MessageType::eventType).collect(Collectors.toSet());
    assertEquals(Set.of("SwitchRequest", "InitialRegistrationRequest", "WithdrawalRequest", "ObjectionRequest",
        "ObjectionWithdrawalRequest", "AnnulmentRequest", "RmpUpdate", "SynchronisationException", "ResendRequest",
        "RegistrationEnquiry"), inbound);
    Set<String> outbound = c.types().stream().filter(t -> t.spec().direction() == MessageTypeSpec.Direction.outbound)
        .map(MessageType::eventType).collect(Collectors.toSet());
    assertEquals(Set.of("RegistrationValidationNotification", "RegistrationPendingNotification",
        "RegistrationObjectedNotification", "RegistrationObjectionWithdrawnNotification",
        "RegistrationSecuredActiveNotification", "RegistrationCancelledNotification", "RegistrationAnnulledNotification",
        "GateClosureNotification", "RegistrationConfirmedNotification", "RegistrationSecuredActiveSynchronisation",
        "RegistrationCancelledSynchronisation", "RegistrationEventSynchronisation", "RmpEventSynchronisation"), outbound);
    assertEquals("/css/v1/switch-requests", c.type("SwitchRequest").orElseThrow().spec().path());
  }

  @Test
  void outboundSchemasAssertTheirRules() throws Exception {
    MessageType t = Catalogue.load(REFERENCE).type("RegistrationValidationNotification").orElseThrow();
    ObjectNode m = Harness.JSON.createObjectNode().put("senderRole", "CSS").put("contextType", "GainingSupplier");
    m.putObject("data").put("registrationId", "r1").put("mpxn", "1200023305967").put("outcome", "Rejected");
    assertEquals(Set.of("required"), t.schema().validate(m).stream().map(Violation::keyword).collect(Collectors.toSet()),
        "a Rejected outcome needs its reasonCode");
    ((ObjectNode) m.get("data")).put("reasonCode", "UNKNOWN_MPXN");
    assertTrue(t.schema().validate(m).isEmpty());
  }

  @Test
  void anotherCatalogueServesItsOwnApiWithNoCodeChange() throws Exception {
    Path file = Path.of("src/test/resources/alt-catalogue/catalogue.yaml").toAbsolutePath();
    Path pack = Path.of("src/test/resources/alt-catalogue/pack.yaml").toAbsolutePath();
    try (Harness h = Harness.start(c -> c.withCatalogue(file.toString())
        .withScenarios(new org.csssim.internal.scenario.ScenarioOptions(pack.toString())))) {
      ObjectNode m = Harness.switchRequest("SUPA").put("eventType", "MeterReadingSubmission");
      m.putObject("data").put("meter", "M0042").put("reading", 1234).put("reference", "abc");
      byte[] body = m.toString().getBytes(StandardCharsets.UTF_8);
      MessageSigner.Signed s = h.sim.signer().sign(h.party("SUPA"), body);
      Harness.Response ok = h.send(HttpMethod.PUT, "/readings/v2/site-7/submissions",
          Map.of("Content-Type", s.contentType(), MessageSigner.SIGNATURE_HEADER, s.headers().get(MessageSigner.SIGNATURE_HEADER)),
          body);
      assertEquals(202, ok.status(), ok.body());
      assertEquals("abc", ok.json().getString("echo"));
      UUID.fromString(ok.json().getString("readingId"));
      assertEquals("M0042", h.journal(m.get("eventId").asText()).get(0).mpxn());

      ((ObjectNode) m.get("data")).put("reading", -1);
      Harness.Response bad = h.send(HttpMethod.PUT, "/readings/v2/site-7/submissions", Map.of("Content-Type",
          "application/json", MessageSigner.SIGNATURE_HEADER, h.sim.signer().sign(h.party("SUPA"),
              m.toString().getBytes(StandardCharsets.UTF_8)).headers().get(MessageSigner.SIGNATURE_HEADER)),
          m.toString().getBytes(StandardCharsets.UTF_8));
      assertEquals(422, bad.status());
      assertEquals("SCHEMA_RANGE", bad.firstErrorCode());

      assertEquals(404, h.postSigned("/css/v1/switch-requests", Harness.switchRequest("SUPA")).status(),
          "the reference routes are gone");
      assertEquals("Meter reading exchange", h.send(HttpMethod.GET, "/version", Map.of(), null).json()
          .getJsonObject("catalogue").getString("name"));
    }
  }

  private static ConfigException broken(String yaml) throws Exception {
    Path dir = Files.createTempDirectory("cat");
    Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(dir.resolve("schemas/ok.json"), "{\"type\":\"object\"}");
    Files.writeString(dir.resolve("schemas/bad-ref.json"), "{\"$ref\":\"missing.json#/nothing\"}");
    Files.writeString(dir.resolve("catalogue.yaml"), yaml);
    return assertThrows(ConfigException.class, () -> Catalogue.load(Location.of(dir.resolve("catalogue.yaml").toString(), dir)));
  }

  private static final String HEAD = "name: x\nrelease: \"1\"\nreceiver: CSS\nmessages:\n";
  private static final String ENTRY = "  - eventType: A\n    direction: inbound\n    method: POST\n    path: /a\n"
      + "    senders: [Supplier]\n    schema: schemas/ok.json\n";

  @Test
  void anUnknownKeyInTheCatalogueIsNamedWithItsLine() throws Exception {
    ConfigException e = broken(HEAD + ENTRY + "    colour: blue\n");
    assertTrue(e.getMessage().contains("catalogue.yaml:11: unknown key 'messages.0.colour'"), e.getMessage());
  }

  @Test
  void aMissingSchemaIsNamed() throws Exception {
    ConfigException e = broken(HEAD + ENTRY.replace("ok.json", "nope.json"));
    assertTrue(e.getMessage().contains("catalogue.yaml:10: key 'messages.0.schema'") && e.getMessage().contains("nope.json"),
        e.getMessage());
  }

  @Test
  void aSchemaWithABrokenRefIsRefusedAtLoad() throws Exception {
    ConfigException e = broken(HEAD + ENTRY.replace("ok.json", "bad-ref.json"));
    assertTrue(e.getMessage().contains("bad-ref.json cannot be loaded"), e.getMessage());
  }

  @Test
  void aHeaderSignatureWithoutItsSignatureHeaderIsRefused() throws Exception {
    String signing = "headerSignature:\n  timestampHeader: X-Date\n  digestHeader: X-Digest\n  certificateHeader: X-Cert\n"
        + "  canonical: \"{method};{url};{timestamp};{digest}\"\n";
    ConfigException e = broken(HEAD.replace("messages:\n", signing + "messages:\n") + ENTRY);
    assertTrue(e.getMessage().contains("signatureHeader must name an HTTP header"), e.getMessage());
  }

  @Test
  void anEnvelopeMemberInsideAnotherIsRefused() throws Exception {
    String envelope = "envelope:\n  data: /Body\n  eventId: /Body/id\n";
    ConfigException e = broken(HEAD.replace("messages:\n", envelope + "messages:\n") + ENTRY);
    assertTrue(e.getMessage().contains("eventId at /Body/id would be inside, or the same as, data at /Body"), e.getMessage());
  }

  @Test
  void aRouteDeclaredTwiceIsNamed() throws Exception {
    ConfigException e = broken(HEAD + ENTRY + ENTRY.replace("eventType: A", "eventType: B"));
    assertTrue(e.getMessage().contains("catalogue.yaml:14: key 'messages.1.path'") && e.getMessage().contains("route of A"),
        e.getMessage());
  }

  @Test
  void anInboundTypeWithoutSendersIsNamed() throws Exception {
    ConfigException e = broken(HEAD + ENTRY.replace("    senders: [Supplier]\n", ""));
    assertTrue(e.getMessage().contains("messages.0.senders"), e.getMessage());
  }
}
