package org.csssim.internal.scenario;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.List;
import java.util.Map;

/**
 * A scenario pack's manifest: its name and version (shown by {@code /version}), the calendar of
 * working days, the seed of the registration model (and, optionally, the JSON Schema each seeded
 * meter point must pass and the attributes that must name a party of the instance), the named values every script reads as
 * {@code values.x} (timers, windows, times of day), the envelope members every message its
 * scripts send carries besides the catalogue's ({@code envelope}, each {@code send} may
 * override them), and its scenario files in order (the first scenario whose trigger matches a
 * message starts).
 */
public record PackManifest(String name, String version, String calendar, String seed, String seedSchema,
                           List<String> seedParties, Map<String, Object> values, Map<String, Object> envelope,
                           List<String> scenarios) {
  public PackManifest {
    envelope = envelope == null ? Map.of() : Map.copyOf(envelope);
    seedParties = seedParties == null ? List.of() : List.copyOf(seedParties);
    for (int i = 0; i < seedParties.size(); i++) {
      require(seedParties.get(i) != null && seedParties.get(i).startsWith("/"), "seedParties/" + i,
          "seedParties are JSON pointers into a meter point, such as /supplierMpid");
    }
    require(name != null && !name.isBlank(), "name", "a pack needs a name");
    require(version != null && !version.isBlank(), "version", "a pack needs a version");
    require(calendar != null, "calendar", "a pack names its calendar of working days");
    values = values == null ? Map.of() : Map.copyOf(values);
    scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
  }
}
