package org.csssim.internal.scenario;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.catalogue.MessageSchema;
import org.csssim.internal.clock.WorkingCalendar;
import org.csssim.internal.registration.Seed;
import org.csssim.internal.scenario.expr.Functions;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.Location;
import org.csssim.internal.yaml.YamlBinder;

/**
 * A loaded and checked scenario pack: immutable, so a reload builds a new one and swaps it in
 * whole, or fails and leaves the last good one running.
 */
public record ScenarioPack(String name, String version, Location location, WorkingCalendar calendar, Seed seed,
                           Map<String, Object> values, Map<String, Object> envelope, List<Scenario> scenarios) {

  /**
   * Loads the pack at {@code location}, checking every scenario against the catalogue, the
   * parties' mpids and roles, and the functions the engine offers ({@code engineFunctions}).
   */
  public static ScenarioPack load(Location location, Catalogue catalogue, Set<String> mpids, Set<String> partyNames,
                                  Clock clock, Map<String, Functions.Function> engineFunctions, Predicate<String> seedHeld) {
    String yaml = location.read();
    PackManifest m = YamlBinder.bind(yaml, location.toString(), PackManifest.class);
    WorkingCalendar calendar = WorkingCalendar.load(location.resolve(m.calendar()));
    Seed seed = m.seed() == null ? Seed.NONE : seed(location.resolve(m.seed()),
        m.seedSchema() == null ? null : location.resolve(m.seedSchema()), m.seedParties(), mpids, seedHeld);
    Functions functions = Functions.standard(clock, calendar).with(engineFunctions);
    catalogue.layout().clash(m.envelope()).ifPresent(clash -> {
      throw YamlBinder.problem(yaml, location.toString(), "/envelope" + clash.pointer(),
          clash.why() + "; envelope adds further members");
    });
    ScenarioParser.Context ctx = new ScenarioParser.Context(t -> catalogue.type(t).isPresent(), partyNames,
        m.values().keySet(), functions, catalogue.layout());
    List<Scenario> scenarios = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < m.scenarios().size(); i++) {
      Location file = location.resolve(m.scenarios().get(i));
      Scenario s = ScenarioParser.parse(file.read(), file.toString(), ctx);
      if (!names.add(s.name())) {
        throw YamlBinder.problem(yaml, location.toString(), "/scenarios/" + i, "a second scenario named " + s.name());
      }
      scenarios.add(s);
    }
    if (scenarios.isEmpty()) {
      throw new ConfigException(location + ": the pack lists no scenarios");
    }
    return new ScenarioPack(m.name(), m.version(), location, calendar, seed, new LinkedHashMap<>(m.values()),
        new LinkedHashMap<>(m.envelope()), List.copyOf(scenarios));
  }

  public Optional<Scenario> scenario(String name) {
    return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * The seed, read and checked; or, when the model already holds one of the same digest (the
   * same text, checked against the same schema and parties), not read at all: on a durable
   * store that is every start but the first, and the seed was two thirds of loading the pack.
   */
  private static Seed seed(Location file, Location schemaFile, List<String> partyPointers, Set<String> mpids,
                           Predicate<String> held) {
    String yaml = file.read();
    String digest = SeedCheck.digest(yaml, schemaFile == null ? "" : schemaFile.read(), partyPointers, mpids);
    if (held.test(digest)) {
      return Seed.held(digest);
    }
    Seed seed = Seed.parse(yaml, file.toString(), digest);
    SeedCheck.check(seed, file, schemaFile == null ? null : MessageSchema.load(schemaFile), partyPointers, mpids);
    return seed;
  }
}
