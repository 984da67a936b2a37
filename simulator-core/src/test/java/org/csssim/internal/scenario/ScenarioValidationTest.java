package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.Location;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/** A broken scenario is refused when it loads, with file:line and the reason, never when it runs. */
class ScenarioValidationTest {
  private static final String PACK = """
      name: test pack
      version: "1"
      calendar: classpath:calendar/england-and-wales.yaml
      values: { window: P1D }
      scenarios: [ s.yaml ]
      """;
  private static final String HEAD = """
      scenario: s
      actsAs: CSS
      trigger: { message: SwitchRequest }
      key: ack.registrationId
      """;

  static Path pack(String scenario) throws Exception {
    Path dir = Files.createTempDirectory("pack");
    Files.writeString(dir.resolve("pack.yaml"), PACK);
    Files.writeString(dir.resolve("s.yaml"), scenario);
    return dir.resolve("pack.yaml");
  }

  static ConfigException refused(String scenario) throws Exception {
    Path p = pack(scenario);
    SimulatorConfig cfg = ConfigLoader.loadEmbeddedPit(Map.of()).withScenarios(new ScenarioOptions(p.toString()));
    var catalogue = org.csssim.internal.catalogue.Catalogue.load(new Location(SimulatorConfig.REFERENCE_CATALOGUE));
    return assertThrows(ConfigException.class, () -> PackSource.of(cfg.packLocation(), catalogue, cfg.partyOptions(),
        java.time.Clock.systemUTC(), org.csssim.internal.registration.Registrations.unkept(), () -> null).load());
  }

  static void assertRefused(String scenario, String where, String why) throws Exception {
    String m = refused(scenario).getMessage();
    assertTrue(m.contains("s.yaml:" + where), m);
    assertTrue(m.contains(why), m);
  }

  @Test
  void brokenYaml() throws Exception {
    assertRefused(HEAD + "steps:\n  - set: { a: [1, 2 }\n", "6", "not valid YAML");
  }

  @Test
  void unknownStep() throws Exception {
    assertRefused(HEAD + "steps:\n  - teleport: somewhere\n", "6: key 'steps.0.teleport'", "unknown step 'teleport'");
  }

  @Test
  void unknownMessageType() throws Exception {
    assertRefused(HEAD + "steps:\n  - send: { type: Telegram, to: SUPA }\n", "6: key 'steps.0.send.type'",
        "unknown message type 'Telegram'");
    assertRefused(HEAD.replace("SwitchRequest", "Postcard") + "steps: []\n", "3: key 'trigger.message'", "Postcard");
  }

  @Test
  void undefinedVariableValueOrParameter() throws Exception {
    assertRefused(HEAD + "steps:\n  - if: vars.nothing == 1\n    then: [ { end: x } ]\n", "6: key 'steps.0.if'",
        "vars.nothing is not defined");
    assertRefused(HEAD + "steps:\n  - set: { a: \"${values.nope}\" }\n", "6: key 'steps.0.set.a'", "values.nope is not defined");
    assertRefused(HEAD + "steps:\n  - set: { a: \"${params.p}\" }\n", "6", "params.p is not defined");
    assertRefused(HEAD + "steps:\n  - set: { a: \"${mystery.x}\" }\n", "6", "'mystery' is not defined");
  }

  static Scenario loaded(String scenario) throws Exception {
    Path p = pack(scenario);
    SimulatorConfig cfg = ConfigLoader.loadEmbeddedPit(Map.of()).withScenarios(new ScenarioOptions(p.toString()));
    var catalogue = org.csssim.internal.catalogue.Catalogue.load(new Location(SimulatorConfig.REFERENCE_CATALOGUE));
    return PackSource.of(cfg.packLocation(), catalogue, cfg.partyOptions(), java.time.Clock.systemUTC(),
        org.csssim.internal.registration.Registrations.unkept(), () -> null).load().scenarios().get(0);
  }

  @Test
  void aWaitingInstanceKeepsItsTriggerOnlyWhenALaterStepReadsIt() throws Exception {
    String early = HEAD + "steps:\n  - set: { m: \"${message.data.mpxn}\" }\n  - wait: { duration: P1D }\n  - end: x\n";
    assertEquals(false, loaded(early).readsTriggerLate(), "message read before the wait only");
    String handler = HEAD + "accepts: { WithdrawalRequest: message.data.registrationId }\n"
        + "steps:\n  - wait: { duration: P1D, on: { WithdrawalRequest: [ { set: { w: \"${message.eventId}\" } } ] } }\n  - end: x\n";
    assertEquals(false, loaded(handler).readsTriggerLate(), "in a handler, message is the message handled");
    String after = HEAD + "steps:\n  - wait: { duration: P1D }\n  - set: { m: \"${message.data.mpxn}\" }\n  - end: x\n";
    assertEquals(true, loaded(after).readsTriggerLate(), "message read after the wait");
    String block = HEAD + "steps:\n  - goto: b\nblocks:\n  b:\n    - set: { m: \"${message.data.mpxn}\" }\n";
    assertEquals(true, loaded(block).readsTriggerLate(), "a block may run after a wait");
    String trigger = HEAD + "steps:\n  - set: { m: \"${trigger.data.mpxn}\" }\n  - end: x\n";
    assertEquals(true, loaded(trigger).readsTriggerLate(), "trigger is the trigger wherever it is read");
  }

  @Test
  void furtherEnvelopeMembersMayNotReplaceTheSimulatorsOwn() throws Exception {
    assertRefused(HEAD + "steps:\n  - send: { type: GateClosureNotification, to: SUPA, envelope: { eventId: x } }\n",
        "6: key 'steps.0.send.envelope.eventId'", "eventId is written by the simulator itself");
    assertRefused(HEAD + "steps:\n  - send: { type: GateClosureNotification, to: SUPA, envelope: [Ok] }\n",
        "6: key 'steps.0.send.envelope'", "envelope is a map of further envelope members");
  }

  @Test
  void unknownPartyOrRole() throws Exception {
    assertRefused(HEAD.replace("actsAs: CSS", "actsAs: WIZARD") + "steps: []\n", "2: key 'actsAs'", "no party or role 'WIZARD'");
    assertRefused(HEAD + "steps:\n  - set: { a: \"${partyWithRole('WIZARD')}\" }\n", "6", "no party has the role 'WIZARD'");
    assertRefused(HEAD + "steps:\n  - send: { type: GateClosureNotification, to: NOBODY }\n", "6: key 'steps.0.send.to'",
        "no party 'NOBODY'");
  }

  @Test
  void functionsAndSyntax() throws Exception {
    assertRefused(HEAD + "steps:\n  - set: { a: \"${shout('x')}\" }\n", "6", "unknown function shout()");
    assertRefused(HEAD + "steps:\n  - set: { a: \"${len(1, 2)}\" }\n", "6", "len() takes 1 arguments");
    assertRefused(HEAD + "steps:\n  - if: \"1 = 1\"\n    then: []\n", "6", "column");
  }

  @Test
  void structure() throws Exception {
    assertRefused(HEAD + "steps:\n  - goto: nowhere\n", "6: key 'steps.0.goto'", "no block 'nowhere'");
    assertRefused(HEAD + "accepts: { WithdrawalRequest: message.data.registrationId }\n"
        + "on:\n  WithdrawalRequest:\n    - wait: { duration: P1D }\nsteps: []\n", "8: key 'on.WithdrawalRequest.0.wait'",
        "cannot wait");
    assertRefused(HEAD + "on:\n  WithdrawalRequest: []\nsteps: []\n", "6: key 'on.WithdrawalRequest'", "not in accepts");
    assertRefused(HEAD + "colour: blue\nsteps: []\n", "5: key 'colour'", "unknown key 'colour'");
    assertRefused(HEAD + "steps:\n  - wait: { duration: P1D, workingDays: 2 }\n", "6", "at most one of");
    assertRefused(HEAD.replace("key: ack.registrationId\n", "") + "steps: []\n", "", "needs a key");
  }

  /** A pack with the reference seed schema and a seed of its own. */
  static Path packWithSeed(String seed) throws Exception {
    Path p = pack(HEAD + "steps:\n  - end: Done\n");
    Files.writeString(p, PACK + "seed: seed.yaml\nseedSchema: classpath:scenarios/reference/data/meter-point.schema.json\n"
        + "seedParties: [/supplierMpid]\n");
    Files.writeString(p.resolveSibling("seed.yaml"), seed);
    return p;
  }

  static ConfigException refusedSeed(String seed) throws Exception {
    Path p = packWithSeed(seed);
    SimulatorConfig cfg = ConfigLoader.loadEmbeddedPit(Map.of()).withScenarios(new ScenarioOptions(p.toString()));
    var catalogue = org.csssim.internal.catalogue.Catalogue.load(new Location(SimulatorConfig.REFERENCE_CATALOGUE));
    return assertThrows(ConfigException.class, () -> PackSource.of(cfg.packLocation(), catalogue, cfg.partyOptions(),
        java.time.Clock.systemUTC(), org.csssim.internal.registration.Registrations.unkept(), () -> null).load());
  }

  @Test
  void theSeedIsCheckedLikeTheRestOfThePackWithFileAndLine() throws Exception {
    String good = "meterPoints:\n  - { mpxn: \"1221000000007\", fuelType: E, supplierMpid: SUPB, smart: false, objection: none }\n";
    ConfigException fuel = refusedSeed(good + "  - { mpxn: \"1121000079191\", fuelType: X, supplierMpid: SUPB, smart: true,"
        + " objection: none }\n");
    assertTrue(fuel.getMessage().contains("seed.yaml:3"), fuel.getMessage());
    assertTrue(fuel.getMessage().contains("fuelType") && fuel.getMessage().contains("1121000079191"), fuel.getMessage());
    ConfigException supplier = refusedSeed(good.replace("SUPB", "NOBODY"));
    assertTrue(supplier.getMessage().contains("seed.yaml:2") && supplier.getMessage().contains("'NOBODY' is not a party"),
        supplier.getMessage());
    ConfigException digit = refusedSeed(good.replace("1221000000007", "1221000000008"));
    assertTrue(digit.getMessage().contains("seed.yaml:2") && digit.getMessage().contains("check digits"), digit.getMessage());
    ConfigException unknown = refusedSeed(good.replace("objection: none", "objection: sometimes"));
    assertTrue(unknown.getMessage().contains("objection"), unknown.getMessage());
  }

  @Test
  void aBadReloadKeepsTheLastGoodPackAndSaysWhy() throws Exception {
    String good = HEAD + "steps:\n  - end: Done\n";
    Path p = pack(good);
    try (Harness h = Harness.start(c -> c.withScenarios(new ScenarioOptions(p.toString())))) {
      Files.writeString(p.resolveSibling("s.yaml"), HEAD + "steps:\n  - teleport: x\n");
      Harness.Response bad = h.admin(HttpMethod.POST, "/scenarios/reload", null);
      assertEquals(400, bad.status());
      assertEquals("SCENARIO_PACK_INVALID", bad.firstErrorCode());
      assertTrue(bad.body().contains("s.yaml:6"), bad.body());
      assertEquals("s", h.admin(HttpMethod.GET, "/scenarios", null).json().getJsonArray("scenarios").getJsonObject(0)
          .getString("name"), "the last good pack still runs");

      Files.writeString(p.resolveSibling("s.yaml"), good.replace("scenario: s", "scenario: s2"));
      Harness.Response ok = h.admin(HttpMethod.POST, "/scenarios/reload", null);
      assertEquals(200, ok.status(), ok.body());
      assertEquals("s2", h.admin(HttpMethod.GET, "/scenarios", null).json().getJsonArray("scenarios").getJsonObject(0)
          .getString("name"));
    }
  }
}
