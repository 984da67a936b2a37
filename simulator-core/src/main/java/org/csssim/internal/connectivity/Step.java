package org.csssim.internal.connectivity;

/**
 * One checked step of a connectivity test: its phase (1 to 4), what it checks, how it ended,
 * what was seen, and (unless it passed) what to fix, in one line each.
 */
public record Step(int phase, String name, Status status, String seen, String fix, long millis) {
  public enum Status { PASS, WARN, FAIL, SKIP }

  /** What a check found, before it is timed and named. */
  public record Outcome(Status status, String seen, String fix) {
    public static Outcome pass(String seen) {
      return new Outcome(Status.PASS, seen, null);
    }

    public static Outcome warn(String seen, String fix) {
      return new Outcome(Status.WARN, seen, fix);
    }

    public static Outcome fail(String seen, String fix) {
      return new Outcome(Status.FAIL, seen, fix);
    }

    public static Outcome skip(String why) {
      return new Outcome(Status.SKIP, why, null);
    }
  }
}
