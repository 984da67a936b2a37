package org.csssim.internal.config;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csssim.internal.admin.AdminOptions;
import org.csssim.internal.delivery.DeliveryOptions;
import org.csssim.internal.delivery.OutboundOptions;
import org.csssim.internal.http.ListenerOptions;
import org.csssim.internal.journal.JournalOptions;
import org.csssim.internal.scenario.ScenarioOptions;
import org.csssim.internal.store.StoreOptions;
import org.csssim.internal.wire.IntakeOptions;

/**
 * One instance's configuration, bound from YAML. Every section may be left out and takes the
 * defaults documented in {@code docs/configuration.md}; unknown keys are errors.
 */
public record SimulatorConfig(
    InstanceConfig instance,
    ListenerOptions listener,
    String dataDir,
    String catalogue,
    ScenarioOptions scenarios,
    IntakeOptions intake,
    JournalOptions journal,
    OutboundOptions outbound,
    DeliveryOptions delivery,
    AdminOptions admin,
    StoreOptions store,
    List<PartyConfig> parties) {

  public static final String REFERENCE_CATALOGUE = "classpath:catalogue/reference/catalogue.yaml";

  public SimulatorConfig {
    instance = instance == null ? new InstanceConfig(null, null) : instance;
    listener = listener == null ? ListenerOptions.defaults() : listener;
    dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
    catalogue = catalogue == null || catalogue.isBlank() ? REFERENCE_CATALOGUE : catalogue;
    scenarios = scenarios == null ? new ScenarioOptions(null) : scenarios;
    intake = intake == null ? new IntakeOptions(null) : intake;
    journal = journal == null ? new JournalOptions(null, null) : journal;
    outbound = outbound == null ? new OutboundOptions(null, null, null) : outbound;
    delivery = delivery == null ? new DeliveryOptions(null, null, null, null, null) : delivery;
    admin = admin == null ? new AdminOptions(null) : admin;
    store = store == null ? StoreOptions.of(null, null) : store;
    parties = parties == null ? List.of() : List.copyOf(parties);
    require(!parties.isEmpty(), "parties", "at least one party is needed");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < parties.size(); i++) {
      require(seen.add(parties.get(i).mpid()), "parties/" + i + "/mpid",
          "party '" + parties.get(i).mpid() + "' is declared twice");
    }
  }

  /** Where the catalogue is: {@code classpath:}, or a file relative to the working directory. */
  public org.csssim.internal.yaml.Location catalogueLocation() {
    return org.csssim.internal.yaml.Location.of(catalogue, java.nio.file.Path.of(""));
  }

  /** Where the scenario pack's manifest is, likewise. */
  public org.csssim.internal.yaml.Location packLocation() {
    return org.csssim.internal.yaml.Location.of(scenarios.pack(), java.nio.file.Path.of(""));
  }

  /** What makes each party, for the party registry. */
  public List<org.csssim.internal.party.PartyOptions> partyOptions() {
    return parties.stream().map(PartyConfig::options).toList();
  }

  public SimulatorConfig withListener(ListenerOptions l) {
    return new SimulatorConfig(instance, l, dataDir, catalogue, scenarios, intake, journal, outbound, delivery, admin, store, parties);
  }

  public SimulatorConfig withDataDir(String d) {
    return new SimulatorConfig(instance, listener, d, catalogue, scenarios, intake, journal, outbound, delivery, admin, store, parties);
  }

  public SimulatorConfig withCatalogue(String c) {
    return new SimulatorConfig(instance, listener, dataDir, c, scenarios, intake, journal, outbound, delivery, admin, store, parties);
  }

  public SimulatorConfig withParties(List<PartyConfig> p) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, journal, outbound, delivery, admin, store, p);
  }

  public SimulatorConfig withScenarios(ScenarioOptions sc) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, sc, intake, journal, outbound, delivery, admin, store, parties);
  }

  public SimulatorConfig withJournal(JournalOptions j) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, j, outbound, delivery, admin, store, parties);
  }

  public SimulatorConfig withOutbound(OutboundOptions o) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, journal, o, delivery, admin, store, parties);
  }

  public SimulatorConfig withDelivery(DeliveryOptions d) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, journal, outbound, d, admin, store, parties);
  }

  /**
   * The parties whose keys the test PKI issues when missing (mpid to JWS algorithm): those that
   * use the default test PKI files; keys a party is configured with are the user's.
   */
  public Map<String, String> testPkiParties() {
    Map<String, String> out = new LinkedHashMap<>();
    for (PartyConfig p : parties) {
      if (p.options().usesTestPki()) {
        out.put(p.mpid(), p.signing().algorithm());
      }
    }
    return out;
  }

  public SimulatorConfig withStore(StoreOptions st) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, journal, outbound, delivery, admin, st, parties);
  }

  public SimulatorConfig withAdmin(AdminOptions a) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, journal, outbound, delivery, a, store, parties);
  }
}
