package org.csssim.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.Location;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {
  static final WorkingCalendar EW = WorkingCalendar.load(new Location("classpath:calendar/england-and-wales.yaml"));

  static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void weekendsAndBankHolidaysAreNotWorkingDays() {
    assertTrue(EW.isWorkingDay(d("2026-11-23")));       // Monday
    assertFalse(EW.isWorkingDay(d("2026-11-28")));      // Saturday
    assertFalse(EW.isWorkingDay(d("2026-12-25")));      // Christmas Day, Friday
    assertFalse(EW.isWorkingDay(d("2026-12-28")));      // Boxing Day substitute, Monday
    assertFalse(EW.isWorkingDay(d("2026-04-03")));      // Good Friday
  }

  @Test
  void addingWorkingDaysSkipsWeekendsAndHolidays() {
    assertEquals(d("2026-11-24"), EW.addWorkingDays(d("2026-11-23"), 1));
    assertEquals(d("2026-11-30"), EW.addWorkingDays(d("2026-11-23"), 5), "a week later");
    // from Christmas Eve: 25 (hol), 26-27 (weekend), 28 (substitute) are skipped
    assertEquals(d("2026-12-29"), EW.addWorkingDays(d("2026-12-24"), 1));
    assertEquals(d("2026-12-24"), EW.addWorkingDays(d("2026-12-29"), -1));
    assertEquals(d("2026-11-23"), EW.addWorkingDays(d("2026-11-23"), 0));
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March
    assertEquals(d("2027-03-30"), EW.addWorkingDays(d("2027-03-25"), 1));
  }

  @Test
  void countingWorkingDaysIsTheInverseOfAddingThem() {
    LocalDate start = d("2026-12-01");
    for (int n = 0; n < 40; n++) {
      assertEquals(n, EW.workingDaysBetween(start, EW.addWorkingDays(start, n)));
    }
    assertEquals(-5, EW.workingDaysBetween(d("2026-11-30"), d("2026-11-23")));
  }

  @Test
  void datesOutsideTheCoveredYearsAreRefused() {
    WorkingCalendar.OutsideCoverage e = assertThrows(WorkingCalendar.OutsideCoverage.class,
        () -> EW.isWorkingDay(d("2031-01-02")));
    assertTrue(e.getMessage().contains("covers 2024 to 2030"), e.getMessage());
    assertThrows(WorkingCalendar.OutsideCoverage.class, () -> EW.addWorkingDays(d("2030-12-30"), 5));
  }

  @Test
  void aHolidayOutsideTheCoveredYearsIsRefusedAtLoad() throws Exception {
    Path f = Files.createTempFile("cal", ".yaml");
    Files.writeString(f, "name: X\ncovers: { from: 2026, to: 2026 }\nholidays:\n  - { date: 2027-01-01, name: NY }\n");
    ConfigException e = assertThrows(ConfigException.class, () -> WorkingCalendar.load(Location.of(f.toString(), Path.of(""))));
    assertTrue(e.getMessage().contains(":4: key 'holidays.0.date'"), e.getMessage());
  }
}
