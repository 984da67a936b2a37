package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** An instance's variables in slots behave as the map they replace, whatever is set in whatever order. */
class VarsTest {
  private static final Vars.Names NAMES = new Vars.Names(List.of("mpxn", "gaining", "objected", "reason"));

  record Put(String name, Object value) {}

  @Property(tries = 500)
  void slotsReadAsAMapDoes(@ForAll("puts") List<Put> puts) {
    Vars vars = new Vars(NAMES);
    Map<String, Object> model = new HashMap<>();
    for (Put p : puts) {
      assertEquals(model.put(p.name(), p.value()), vars.put(p.name(), p.value()), "the value before " + p);
    }
    for (String name : List.of("mpxn", "gaining", "objected", "reason", "fromAnEarlierPack", "never")) {
      assertEquals(model.get(name), vars.get(name), name);
      assertEquals(model.containsKey(name), vars.containsKey(name), name);
    }
    assertEquals(model, new HashMap<>(vars));
    assertEquals(model.size(), vars.size());
  }

  @Provide
  Arbitrary<List<Put>> puts() {
    Arbitrary<String> name = Arbitraries.of("mpxn", "gaining", "objected", "reason", "fromAnEarlierPack");
    Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
        Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.just(null));
    return Combinators.combine(name, value).as(Put::new).list().ofMaxSize(12);
  }

  @Test
  void entriesComeInTheScenariosOrderThenTheOthersAndShortTextIsShared() {
    Vars vars = new Vars(NAMES);
    vars.put("older", 1);
    vars.put("reason", null);
    vars.put("gaining", new String("SUPC".toCharArray()));
    assertEquals(List.of("gaining", "reason", "older"), List.copyOf(new LinkedHashMap<>(vars).keySet()));
    assertTrue(vars.containsKey("reason"));
    assertNull(vars.get("reason"));
    assertSame("SUPC", vars.get("gaining"), "a short value is the one shared copy");
  }
}
