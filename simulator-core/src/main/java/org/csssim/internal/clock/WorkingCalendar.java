package org.csssim.internal.clock;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.yaml.InvalidValue;
import org.csssim.internal.yaml.Location;
import org.csssim.internal.yaml.YamlBinder;

/**
 * Working days: not Saturday, not Sunday, not a holiday of the calendar file. The file states
 * the years it covers, and arithmetic that reaches outside them is refused: a silently wrong
 * objection window is worse than a clear error asking for the file to be extended.
 */
public final class WorkingCalendar {
  private final String name;
  private final int fromYear;
  private final int toYear;
  private final Map<LocalDate, String> holidays;

  /** The calendar file as written. */
  public record Spec(String name, Covers covers, List<Holiday> holidays) {
    public Spec {
      require(name != null && !name.isBlank(), "name", "a calendar needs a name");
      require(covers != null, "covers", "a calendar states the years it covers: covers: { from: 2024, to: 2030 }");
      holidays = holidays == null ? List.of() : List.copyOf(holidays);
      for (int i = 0; i < holidays.size(); i++) {
        int year = holidays.get(i).date().getYear();
        if (year < covers.from() || year > covers.to()) {
          throw new InvalidValue("holidays/" + i + "/date", holidays.get(i).date() + " is outside the years covered, "
              + covers.from() + " to " + covers.to());
        }
      }
    }
  }

  public record Covers(int from, int to) {
    public Covers {
      require(from > 1900 && to >= from, "to", "covers must run from a year to the same or a later one");
    }
  }

  public record Holiday(LocalDate date, String name) {
    public Holiday {
      require(date != null, "date", "a holiday needs a date");
    }
  }

  /** A date the calendar cannot say anything about. */
  public static final class OutsideCoverage extends IllegalArgumentException {
    OutsideCoverage(String message) {
      super(message);
    }
  }

  private WorkingCalendar(Spec spec) {
    this.name = spec.name();
    this.fromYear = spec.covers().from();
    this.toYear = spec.covers().to();
    Map<LocalDate, String> h = new HashMap<>();
    spec.holidays().forEach(d -> h.put(d.date(), d.name()));
    this.holidays = Map.copyOf(h);
  }

  public static WorkingCalendar load(Location location) {
    return new WorkingCalendar(YamlBinder.bind(location.read(), location.toString(), Spec.class));
  }

  public boolean isWorkingDay(LocalDate date) {
    covered(date);
    DayOfWeek d = date.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays.containsKey(date);
  }

  /**
   * The working day {@code n} working days after {@code from} (before it when negative);
   * {@code from} itself is not counted, so 1 is the next working day.
   */
  public LocalDate addWorkingDays(LocalDate from, int n) {
    int step = n >= 0 ? 1 : -1;
    LocalDate d = from;
    for (int left = Math.abs(n); left > 0; ) {
      d = d.plusDays(step);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /** Working days after {@code from} up to and including {@code to} (negative when {@code to} is earlier). */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int sign = to.isBefore(from) ? -1 : 1;
    LocalDate a = sign > 0 ? from : to;
    LocalDate b = sign > 0 ? to : from;
    int count = 0;
    for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return sign * count;
  }

  private void covered(LocalDate date) {
    if (date.getYear() < fromYear || date.getYear() > toYear) {
      throw new OutsideCoverage("the " + name + " calendar covers " + fromYear + " to " + toYear + ", not " + date
          + "; extend its holidays file");
    }
  }
}
