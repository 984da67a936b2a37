package org.csssim.config;

import static org.csssim.config.InvalidValue.require;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One instance's configuration, bound from YAML. Every section may be left out and takes the
 * defaults documented in {@code docs/configuration.md}; unknown keys are errors.
 */
public record SimulatorConfig(
    InstanceConfig instance,
    ListenerConfig listener,
    String dataDir,
    String catalogue,
    ScenariosConfig scenarios,
    IntakeConfig intake,
    JournalConfig journal,
    OutboundConfig outbound,
    DeliveryConfig delivery,
    AdminConfig admin,
    StoreConfig store,
    List<PartyConfig> parties) {

  public static final String REFERENCE_CATALOGUE = "classpath:catalogue/reference/catalogue.yaml";

  public SimulatorConfig {
    instance = instance == null ? new InstanceConfig(null, null) : instance;
    listener = listener == null ? ListenerConfig.defaults() : listener;
    dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
    catalogue = catalogue == null || catalogue.isBlank() ? REFERENCE_CATALOGUE : catalogue;
    scenarios = scenarios == null ? new ScenariosConfig(null) : scenarios;
    intake = intake == null ? new IntakeConfig(null) : intake;
    journal = journal == null ? new JournalConfig(null, null) : journal;
    outbound = outbound == null ? new OutboundConfig(null, null, null) : outbound;
    delivery = delivery == null ? new DeliveryConfig(null, null, null, null, null) : delivery;
    admin = admin == null ? new AdminConfig(null) : admin;
    store = store == null ? StoreConfig.of(null, null) : store;
    parties = parties == null ? List.of() : List.copyOf(parties);
    require(!parties.isEmpty(), "parties", "at least one party is needed");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < parties.size(); i++) {
      require(seen.add(parties.get(i).mpid()), "parties/" + i + "/mpid",
          "party '" + parties.get(i).mpid() + "' is declared twice");
    }
  }

  public SimulatorConfig withListener(ListenerConfig l) {
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

  public SimulatorConfig withScenarios(ScenariosConfig sc) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, sc, intake, journal, outbound, delivery, admin, store, parties);
  }

  public SimulatorConfig withJournal(JournalConfig j) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, j, outbound, delivery, admin, store, parties);
  }

  public SimulatorConfig withOutbound(OutboundConfig o) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, journal, o, delivery, admin, store, parties);
  }

  public SimulatorConfig withDelivery(DeliveryConfig d) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, journal, outbound, d, admin, store, parties);
  }

  public SimulatorConfig withStore(StoreConfig st) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, journal, outbound, delivery, admin, st, parties);
  }

  public SimulatorConfig withAdmin(AdminConfig a) {
    return new SimulatorConfig(instance, listener, dataDir, catalogue, scenarios, intake, journal, outbound, delivery, a, store, parties);
  }
}
