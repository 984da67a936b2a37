package org.csssim.internal.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.scenario.expr.ExprException;
import org.csssim.internal.scenario.expr.Functions;

/**
 * The functions scripts call to read the registration model ({@code meterPoint},
 * {@code registration}, {@code registrations}) and the parties ({@code partyWithRole},
 * {@code partiesWithRole}). Every value they return is a copy in maps and lists.
 */
final class DomainFunctions {
  private DomainFunctions() {}

  static Map<String, Functions.Function> of(Registrations store, Supplier<PartyRegistry> parties) {
    Map<String, Functions.Function> f = new LinkedHashMap<>();
    f.put("meterPoint", new Functions.Function(1, 1,
        a -> store.meterPoint(Functions.str(a, 0, "meterPoint")).map(m -> (Object) m.view()).orElse(null)));
    f.put("registration", new Functions.Function(1, 1, a -> readable(
        () -> store.registration(Functions.str(a, 0, "registration")).map(r -> (Object) r.view()).orElse(null))));
    f.put("registrations", new Functions.Function(1, 1, a -> readable(
        () -> store.registrationsOf(Functions.str(a, 0, "registrations")).stream().map(r -> (Object) r.view()).toList())));
    f.put("partiesWithRole", new Functions.Function(1, 1, a -> withRole(parties.get(), Functions.str(a, 0, "partiesWithRole"))));
    f.put("partyWithRole", new Functions.Function(1, 1, a -> {
      List<Object> all = withRole(parties.get(), Functions.str(a, 0, "partyWithRole"));
      if (all.isEmpty()) {
        throw new ExprException("no party has the role " + a.get(0));
      }
      return all.get(0);
    }));
    return f;
  }

  /** A registration the store could not read back fails the expression, and with it the instance, saying so. */
  private static Object readable(Supplier<Object> read) {
    try {
      return read.get();
    } catch (Registrations.Unreadable e) {
      throw new ExprException(e.getMessage());
    }
  }

  private static List<Object> withRole(PartyRegistry registry, String role) {
    List<Object> out = new ArrayList<>();
    registry.parties().stream().filter(p -> p.hasRole(role)).forEach(p -> out.add(p.mpid()));
    return out;
  }

}
