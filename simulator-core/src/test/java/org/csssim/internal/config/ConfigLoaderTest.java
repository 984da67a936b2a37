package org.csssim.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.csssim.internal.party.Mode;
import org.csssim.internal.store.StoreOptions;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.Location;
import org.junit.jupiter.api.Test;

/** Every problem in a configuration stops start-up with file:line, the key and the reason. */
class ConfigLoaderTest {
  private static final String MINIMAL = """
      instance:
        name: t
      parties:
        - mpid: CSS
          roles: [CSS]
      """;

  private static ConfigException problem(String yaml) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "test.yaml"));
  }

  @Test
  void theEmbeddedDefaultsAreSamplesPitYamlByteForByte() throws Exception {
    Path sample = Path.of("../samples/pit.yaml");
    assertEquals(Files.readString(sample), ConfigLoader.embeddedPitText());
  }

  @Test
  void theEmbeddedDefaultsArePitWithTheContractsParties() {
    SimulatorConfig c = ConfigLoader.loadEmbeddedPit(Map.of());
    assertEquals("PIT", c.instance().environment());
    assertEquals(8443, c.listener().port());
    assertEquals("./data", c.dataDir());
    assertEquals(1024 * 1024, c.listener().bodyLimit().bytes());
    assertEquals(java.util.List.of("CSS", "SUPA", "SUPB", "SUPC", "GRDA", "ERDA", "DCC", "EES", "GES", "ECOS",
        "SHIPA", "MEMA", "MAPA", "DAA", "DCA"), c.parties().stream().map(PartyConfig::mpid).toList());
    assertEquals(Mode.physical, c.parties().get(1).mode());
    assertEquals(Mode.simulated, c.parties().get(0).mode());
  }

  @Test
  void theCounterpartySampleLoads() {
    SimulatorConfig c = ConfigLoader.load(Path.of("../samples/counterparty.yaml"), Map.of());
    assertEquals("UIT-A", c.instance().environment());
    assertEquals(Mode.physical, c.parties().stream().filter(p -> p.mpid().equals("SUPA")).findFirst()
        .orElseThrow().mode());
    assertTrue(c.delivery().refuseHttp());
  }

  @Test
  void theSitSampleLoadsWithCssPhysicalAtAUrl() {
    SimulatorConfig c = ConfigLoader.load(Path.of("../samples/sit.yaml"), Map.of());
    PartyConfig css = c.parties().get(0);
    assertEquals(Mode.physical, css.mode());
    assertTrue(css.url().startsWith("https://"));
    assertTrue(c.parties().stream().skip(1).allMatch(p -> p.mode() == Mode.simulated));
  }

  @Test
  void theKeyRotationSampleRotatesCssInAOneHourWindow() {
    SimulatorConfig c = ConfigLoader.load(Path.of("../samples/css-key-rotation.yaml"), Map.of());
    var rotation = c.parties().stream().filter(p -> p.mpid().equals("CSS")).findFirst().orElseThrow().rotation();
    assertEquals("pki/parties/CSS-next.crt", rotation.certificate());
    assertEquals(java.time.Duration.ofHours(1), java.time.Duration.between(rotation.published(), rotation.withdrawn()));
    assertTrue(rotation.signs().isAfter(rotation.published()) && rotation.signs().isBefore(rotation.withdrawn()));
  }

  @Test
  void theSitComposeInstancesLoadAndTheirPackChecksOut() throws Exception {
    var catalogue = org.csssim.internal.catalogue.Catalogue.load(new Location(SimulatorConfig.REFERENCE_CATALOGUE));
    for (String group : java.util.List.of("suppliers", "data-services", "agents")) {
      SimulatorConfig c = ConfigLoader.load(Path.of("../docker/sit/" + group + ".yaml"), Map.of());
      assertTrue(c.instance().environment().startsWith("SIT-A-"), group);
      assertEquals(15, c.parties().size(), group + " names every party the scripts name");
      org.csssim.internal.scenario.PackSource.of(c.packLocation(), catalogue, c.partyOptions(), java.time.Clock.systemUTC(),
          org.csssim.internal.registration.Registrations.unkept(), () -> null).load();
    }
  }

  @Test
  void defaultsFillWhatIsLeftOut() {
    SimulatorConfig c = ConfigLoader.parse(MINIMAL, "test.yaml");
    assertEquals(8443, c.listener().port());
    assertEquals(java.util.List.of("TLSv1.3", "TLSv1.2"), c.listener().tls().protocols());
    assertEquals(Duration.ofSeconds(5), c.outbound().connectTimeout());
    assertEquals(java.util.List.of("pki/parties/CSS.crt"), c.parties().get(0).keys());
    assertEquals("ES256", c.parties().get(0).signing().algorithm());
  }

  @Test
  void anUnknownKeyIsNamedWithItsLine() {
    ConfigException e = problem(MINIMAL + "listener:\n  port: 8443\n  colour: blue\n");
    assertTrue(e.getMessage().startsWith("test.yaml:8: unknown key 'listener.colour'"), e.getMessage());
    assertTrue(e.getMessage().contains("port"), "lists the known keys: " + e.getMessage());
  }

  @Test
  void aValueOutOfRangeIsNamedWithItsLine() {
    ConfigException e = problem(MINIMAL + "listener:\n  host: 0.0.0.0\n  port: 70000\n");
    assertTrue(e.getMessage().startsWith("test.yaml:8: key 'listener.port': port must be between 0 and 65535"), e.getMessage());
  }

  @Test
  void theRegistrationsHeldInHeapAreConfiguredAndBounded() {
    assertEquals(1_000, ConfigLoader.loadEmbeddedPit(Map.of()).store().registrationsInHeap());
    ConfigException e = problem(MINIMAL + "store:\n  registrationsInHeap: 0\n");
    assertTrue(e.getMessage().startsWith("test.yaml:7: key 'store.registrationsInHeap': registrationsInHeap must be 1 or more"),
        e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeIsNamedWithItsLine() {
    ConfigException e = problem(MINIMAL + "listener:\n  port: lots\n");
    assertTrue(e.getMessage().startsWith("test.yaml:7: key 'listener.port'"), e.getMessage());
  }

  @Test
  void aBadEnumValueIsNamedWithItsLine() {
    ConfigException e = problem("parties:\n  - mpid: CSS\n    roles: [CSS]\n    mode: imaginary\n");
    assertTrue(e.getMessage().startsWith("test.yaml:4: key 'parties.0.mode'"), e.getMessage());
    assertTrue(e.getMessage().contains("simulated") && e.getMessage().contains("physical"), e.getMessage());
  }

  @Test
  void aBadDurationIsNamedWithItsLine() {
    ConfigException e = problem(MINIMAL + "outbound:\n  connectTimeout: soon\n");
    assertTrue(e.getMessage().startsWith("test.yaml:7: key 'outbound.connectTimeout'"), e.getMessage());
    assertTrue(e.getMessage().contains("not a duration"), e.getMessage());
  }

  @Test
  void aBadSizeIsNamed() {
    ConfigException e = problem(MINIMAL + "listener:\n  bodyLimit: huge\n");
    assertTrue(e.getMessage().contains("listener.bodyLimit") && e.getMessage().contains("not a size"), e.getMessage());
  }

  @Test
  void aDisallowedTlsProtocolIsNamed() {
    ConfigException e = problem(MINIMAL + "listener:\n  tls:\n    protocols: [TLSv1.3, TLSv1.1]\n");
    assertTrue(e.getMessage().startsWith("test.yaml:8: key 'listener.tls.protocols.1'"), e.getMessage());
  }

  @Test
  void aDuplicatePartyIsNamedWithItsLine() {
    ConfigException e = problem(MINIMAL + "  - mpid: CSS\n    roles: [CSS]\n");
    assertTrue(e.getMessage().startsWith("test.yaml:6: key 'parties.1.mpid'"), e.getMessage());
  }

  @Test
  void aPartyWithoutRolesIsNamed() {
    ConfigException e = problem("parties:\n  - mpid: SUPX\n");
    assertTrue(e.getMessage().contains("parties.0.roles") && e.getMessage().contains("SUPX"), e.getMessage());
  }

  @Test
  void brokenYamlIsReportedWithItsLine() {
    ConfigException e = problem("instance:\n  name: [unclosed\nparties: []\n");
    assertTrue(e.getMessage().startsWith("test.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains("not valid YAML") || e.getMessage().contains("key"), e.getMessage());
  }

  @Test
  void environmentOverridesPortAndDataDir() {
    SimulatorConfig c = ConfigLoader.loadEmbeddedPit(Map.of("SIMULATOR_PORT", "9443", "SIMULATOR_DATA_DIR", "/tmp/x"));
    assertEquals(9443, c.listener().port());
    assertEquals("/tmp/x", c.dataDir());
  }

  @Test
  void theStoreIsEmbeddedUnlessTheFileOrTheEnvironmentSaysOtherwise() {
    assertEquals(StoreOptions.Kind.embedded, ConfigLoader.loadEmbeddedPit(Map.of()).store().kind());
    SimulatorConfig pg = ConfigLoader.loadEmbeddedPit(Map.of("SIMULATOR_STORE", "postgresql",
        "SIMULATOR_STORE_URL", "postgresql://sim@db:5432/sit_a"));
    assertEquals(StoreOptions.Kind.postgresql, pg.store().kind());
    assertEquals("postgresql://sim@db:5432/sit_a", pg.store().url());
    ConfigException noUrl = assertThrows(ConfigException.class,
        () -> ConfigLoader.loadEmbeddedPit(Map.of("SIMULATOR_STORE", "postgresql")));
    assertTrue(noUrl.getMessage().contains("needs url"), noUrl.getMessage());
    ConfigException bad = assertThrows(ConfigException.class,
        () -> ConfigLoader.loadEmbeddedPit(Map.of("SIMULATOR_STORE", "mongo")));
    assertTrue(bad.getMessage().startsWith("environment SIMULATOR_STORE: 'mongo'"), bad.getMessage());
    SimulatorConfig file = ConfigLoader.parse(ConfigLoader.embeddedPitText().replace("  kind: embedded ",
        "  kind: memory\n  retention: { maxAge: 30d, export: false }\n  #"), "test");
    assertEquals(StoreOptions.Kind.memory, file.store().kind());
    assertEquals(java.time.Duration.ofDays(30), file.store().retention().maxAge());
  }

  @Test
  void aBadPortInTheEnvironmentIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.loadEmbeddedPit(Map.of("SIMULATOR_PORT", "99999")));
    assertTrue(e.getMessage().startsWith("environment SIMULATOR_PORT"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("/nonexistent/x.yaml"), Map.of()));
    assertTrue(e.getMessage().startsWith("/nonexistent/x.yaml"), e.getMessage());
  }
}
