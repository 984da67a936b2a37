package org.csssim.internal.scenario;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.party.PartyOptions;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.scenario.expr.Functions;
import org.csssim.internal.yaml.Location;

/**
 * Where the scenario pack comes from and what it is checked against: loaded at start, again on
 * a reload (a bad one is refused with file:line and the last good one keeps running), and by
 * the {@code validate} command, each the same way.
 */
public record PackSource(Location location, Catalogue catalogue, Set<String> mpids, Set<String> partyNames, Clock clock,
                         Map<String, Functions.Function> engineFunctions, Predicate<String> seedHeld) {

  /**
   * The pack at {@code location}, checked against the catalogue, what scripts may name as a
   * party (every mpid and role of {@code parties}; the seed names mpids only) and the functions
   * they may call; a seed {@code registrations} already holds is not read again.
   */
  public static PackSource of(Location location, Catalogue catalogue, Collection<PartyOptions> parties, Clock clock,
                              Registrations registrations, Supplier<PartyRegistry> registry) {
    Set<String> mpids = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    parties.forEach(p -> {
      mpids.add(p.mpid());
      names.add(p.mpid());
      names.addAll(p.roles());
    });
    return new PackSource(location, catalogue, Collections.unmodifiableSet(mpids),
        Collections.unmodifiableSet(names), clock, DomainFunctions.of(registrations, registry), registrations::holdsSeed);
  }

  /** Loads and checks the pack; a problem is a {@code ConfigException} with file:line. */
  public ScenarioPack load() {
    return ScenarioPack.load(location, catalogue, mpids, partyNames, clock, engineFunctions, seedHeld);
  }
}
