package org.csssim.internal.scenario.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csssim.internal.clock.WorkingCalendar;
import org.csssim.internal.yaml.Location;
import org.junit.jupiter.api.Test;

class ExpressionTest {
  static final Functions FUNCTIONS = Functions.standard(
      Clock.fixed(Instant.parse("2026-12-23T23:30:00Z"), ZoneOffset.UTC),
      WorkingCalendar.load(new Location("classpath:calendar/england-and-wales.yaml")));

  static final Map<String, Object> ROOTS = Map.of(
      "message", Map.of("eventType", "SwitchRequest", "data", Map.of("mpxn", "1200023305967", "fuelType", "E",
          "supplyStartDate", "2026-12-14", "count", 3L)),
      "vars", Map.of("objected", false, "list", List.of("a", "b")));

  static final EvalContext CTX = new EvalContext() {
    public Object root(String name) {
      return ROOTS.get(name);
    }

    public Object call(String function, List<Object> args) {
      return FUNCTIONS.call(function, args);
    }
  };

  static Object eval(String src) {
    return Expression.parse(src).eval(CTX);
  }

  @Test
  void readsPathsAndComparesAndCombines() {
    assertEquals("1200023305967", eval("message.data.mpxn"));
    assertEquals(true, eval("message.data.fuelType == 'E' && !vars.objected"));
    assertEquals(true, eval("message.data.count >= 3 || false"));
    assertEquals(true, eval("message.data.supplyStartDate < '2027-01-01'"), "ISO dates compare as text");
    assertEquals("b", eval("vars.list[1]"));
    assertEquals(7L, eval("1 + 2 * 3"));
    assertEquals(9L, eval("(1 + 2) * 3"));
    assertEquals(2.5, eval("5 / 2.0"));
    assertEquals("E-3", eval("message.data.fuelType + '-' + message.data.count"));
    assertEquals("no", eval("vars.objected ? 'yes' : \"no\""));
    assertEquals(true, eval("1 == 1.0"));
    assertEquals(List.of(1L, "x"), eval("[1, 'x']"));
  }

  @Test
  void missingMembersAreNullSoOptionalFieldsReadSimply() {
    assertNull(eval("message.data.changeOfOccupancyInd"));
    assertNull(eval("message.nothing.deeper.still"));
    assertEquals(true, eval("message.data.changeOfOccupancyInd == null"));
    assertNull(eval("vars.list[9]"));
  }

  @Test
  void conditionsMustBeBooleans() {
    ExprException e = assertThrows(ExprException.class, () -> Expression.parse("message.data.mpxn").test(CTX));
    assertTrue(e.getMessage().contains("must be true or false"), e.getMessage());
    assertThrows(ExprException.class, () -> eval("message.data.mpxn && true"));
    assertThrows(ExprException.class, () -> eval("'a' < 1"));
    assertThrows(ExprException.class, () -> eval("1 / 0"));
  }

  @Test
  void syntaxErrorsSayWhere() {
    ExprException e = assertThrows(ExprException.class, () -> Expression.parse("message.data.mpxn = 'x'"));
    assertTrue(e.getMessage().contains("column 19"), e.getMessage());
    assertThrows(ExprException.class, () -> Expression.parse("(1 + 2"));
    assertThrows(ExprException.class, () -> Expression.parse("'open"));
    assertThrows(ExprException.class, () -> Expression.parse("message.data()"), "only names are called");
  }

  @Test
  void functionsForDatesAndWorkingDaysUseUkTime() {
    assertEquals("2026-12-23", eval("today()"), "23:30 UTC in December is 23:30 in London");
    assertEquals("2026-12-29", eval("addWorkingDays(today(), 2)"), "24th, then 29th after Christmas and the weekend");
    assertEquals("2026-12-30", eval("addDays('2026-12-25', 5)"));
    assertEquals(2L, eval("workingDaysBetween('2026-12-23', '2026-12-29')"));
    assertEquals(false, eval("isWorkingDay('2026-12-28')"));
    assertEquals(36, ((String) eval("uuid()")).length());
    assertEquals(true, eval("mpanCoreValid(message.data.mpxn)"));
    assertEquals(false, eval("mpanCoreValid('1200023305968')"));
    assertEquals(2L, eval("len(vars.list)"));
    assertEquals(true, eval("contains(vars.list, 'a')"));
    assertEquals("x", eval("coalesce(message.data.none, 'x')"));
    ExprException e = assertThrows(ExprException.class, () -> eval("addWorkingDays('2030-12-30', 5)"));
    assertTrue(e.getMessage().contains("covers 2024 to 2030"), e.getMessage());
  }

  @Test
  void referencesAndFunctionsAreListedForTheChecksAtLoad() {
    Expression e = Expression.parse("vars.a == message.data.x && partyWithRole('GRDA') != len(params.p)");
    assertEquals(Set.of(new Expression.Reference("vars", "a"), new Expression.Reference("message", "data"),
        new Expression.Reference("params", "p")), e.references());
    assertEquals(Set.of("partyWithRole", "len"), e.functions());
    assertEquals(Set.of("GRDA"), e.literalArguments("partyWithRole"));
    assertEquals("unknown function nope(); known: " + String.join(", ", FUNCTIONS.names()), FUNCTIONS.checkArity("nope", 0));
    assertEquals("len() takes 1 arguments", FUNCTIONS.checkArity("len", 2));
    assertNull(FUNCTIONS.checkArity("len", 1));
  }

  @Test
  void templatesKeepTypesForWholeExpressionsAndJoinTextOtherwise() {
    assertEquals(3L, Template.compile("${message.data.count}").render(CTX));
    assertEquals("count=3!", Template.compile("count=${message.data.count}!").render(CTX));
    assertEquals("plain", Template.compile("plain").render(CTX));
    assertEquals(42, Template.compile(42).render(CTX));
    Object rendered = Template.compile(Map.of("mpxn", "${message.data.mpxn}", "absent", "${message.data.none}",
        "list", List.of("${vars.list[0]}", "z"))).render(CTX);
    assertEquals(Map.of("mpxn", "1200023305967", "list", List.of("a", "z")), rendered, "null fields are left out");
    assertEquals(2, Template.compile(Map.of("a", "${vars.x} and ${message.y}")).expressions().size());
    assertFalse(Template.compile("a } b").expressions().iterator().hasNext());
    assertThrows(ExprException.class, () -> Template.compile("${unclosed"));
  }
}
