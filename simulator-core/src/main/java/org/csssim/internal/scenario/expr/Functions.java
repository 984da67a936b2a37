package org.csssim.internal.scenario.expr;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.csssim.internal.clock.WorkingCalendar;
import org.csssim.internal.id.Ids;
import org.csssim.internal.registration.MeterNumbers;

/**
 * The functions scripts may call: ids, dates and working days (in UK time, as the market's
 * dates are), text and lists. Domain lookups (the registration model, the party registry) are
 * added by the engine through {@link #with}. Every function checks its arguments and says
 * plainly what it wanted.
 */
public final class Functions {
  public static final ZoneId UK = ZoneId.of("Europe/London");

  /** One function: how many arguments it takes and what it does with them. */
  public record Function(int minArgs, int maxArgs, Impl impl) {}

  @FunctionalInterface
  public interface Impl {
    Object apply(List<Object> args);
  }

  private final Map<String, Function> functions;

  private Functions(Map<String, Function> functions) {
    this.functions = functions;
  }

  /** The built-in functions, reading time from {@code clock} and working days from {@code calendar}. */
  public static Functions standard(Clock clock, WorkingCalendar calendar) {
    Map<String, Function> f = new TreeMap<>();
    f.put("uuid", new Function(0, 0, a -> Ids.next()));
    f.put("now", new Function(0, 0, a -> clock.instant().toString()));
    f.put("today", new Function(0, 0, a -> LocalDate.ofInstant(clock.instant(), UK).toString()));
    f.put("date", new Function(1, 1, a -> LocalDate.ofInstant(java.time.Instant.parse(str(a, 0, "date")), UK).toString()));
    f.put("addDays", new Function(2, 2, a -> date(a, 0, "addDays").plusDays(num(a, 1, "addDays")).toString()));
    f.put("daysBetween", new Function(2, 2, a -> ChronoUnit.DAYS.between(date(a, 0, "daysBetween"), date(a, 1, "daysBetween"))));
    f.put("addWorkingDays", new Function(2, 2,
        a -> calendar.addWorkingDays(date(a, 0, "addWorkingDays"), (int) num(a, 1, "addWorkingDays")).toString()));
    f.put("workingDaysBetween", new Function(2, 2,
        a -> (long) calendar.workingDaysBetween(date(a, 0, "workingDaysBetween"), date(a, 1, "workingDaysBetween"))));
    f.put("isWorkingDay", new Function(1, 1, a -> calendar.isWorkingDay(date(a, 0, "isWorkingDay"))));
    f.put("len", new Function(1, 1, a -> {
      Object v = a.get(0);
      if (v instanceof String s) {
        return (long) s.length();
      }
      if (v instanceof Collection<?> c) {
        return (long) c.size();
      }
      if (v instanceof Map<?, ?> m) {
        return (long) m.size();
      }
      return 0L;
    }));
    f.put("contains", new Function(2, 2, a -> {
      Object in = a.get(0);
      if (in instanceof String s && a.get(1) instanceof String t) {
        return s.contains(t);
      }
      return in instanceof Collection<?> c && c.stream().anyMatch(x -> Values.same(x, a.get(1)));
    }));
    f.put("lower", new Function(1, 1, a -> str(a, 0, "lower").toLowerCase(Locale.ROOT)));
    f.put("upper", new Function(1, 1, a -> str(a, 0, "upper").toUpperCase(Locale.ROOT)));
    f.put("where", new Function(3, 3, a -> {
      // the items of a list of objects whose field equals the value (or one of a list of values)
      if (!(a.get(0) instanceof Collection<?> items)) {
        return List.of();
      }
      String field = str(a, 1, "where");
      Collection<?> wanted = a.get(2) instanceof Collection<?> c ? c : List.of(String.valueOf(a.get(2)));
      return items.stream().filter(i -> i instanceof Map<?, ?> m
          && wanted.stream().anyMatch(w -> Values.same(w, m.get(field)))).toList();
    }));
    f.put("coalesce", new Function(1, 8, a -> a.stream().filter(x -> x != null).findFirst().orElse(null)));
    f.put("mpanCoreValid", new Function(1, 1, a -> MeterNumbers.mpanCoreValid(a.get(0))));
    f.put("mprnValid", new Function(1, 1, a -> MeterNumbers.mprnValid(a.get(0))));
    return new Functions(f);
  }

  /** These functions and {@code more} (which win on a clash of names). */
  public Functions with(Map<String, Function> more) {
    Map<String, Function> f = new TreeMap<>(functions);
    f.putAll(more);
    return new Functions(f);
  }

  public boolean has(String name) {
    return functions.containsKey(name);
  }

  /** A message for a call that cannot work, or null when it can: used by the checks at load. */
  public String checkArity(String name, int args) {
    Function fn = functions.get(name);
    if (fn == null) {
      return "unknown function " + name + "(); known: " + String.join(", ", functions.keySet());
    }
    if (args < fn.minArgs() || args > fn.maxArgs()) {
      return name + "() takes " + (fn.minArgs() == fn.maxArgs() ? fn.minArgs() : fn.minArgs() + " to " + fn.maxArgs())
          + " arguments";
    }
    return null;
  }

  public Object call(String name, List<Object> args) {
    Function fn = functions.get(name);
    if (fn == null) {
      throw new ExprException("unknown function " + name + "()");
    }
    try {
      return fn.impl().apply(args);
    } catch (WorkingCalendar.OutsideCoverage e) {
      throw new ExprException(name + "(): " + e.getMessage());
    }
  }

  public static String str(List<Object> a, int i, String fn) {
    if (a.get(i) instanceof String s) {
      return s;
    }
    throw new ExprException(fn + "() wants a string as argument " + (i + 1) + ", not " + Values.describe(a.get(i)));
  }

  static long num(List<Object> a, int i, String fn) {
    if (a.get(i) instanceof Number n) {
      return n.longValue();
    }
    throw new ExprException(fn + "() wants a number as argument " + (i + 1) + ", not " + Values.describe(a.get(i)));
  }

  static LocalDate date(List<Object> a, int i, String fn) {
    try {
      return LocalDate.parse(str(a, i, fn));
    } catch (DateTimeParseException e) {
      throw new ExprException(fn + "() wants a date YYYY-MM-DD as argument " + (i + 1) + ", not '" + a.get(i) + "'");
    }
  }

  /** For the checks at load, the names the scripts may call. */
  public List<String> names() {
    return List.copyOf(functions.keySet());
  }
}
