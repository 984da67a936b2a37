package org.csssim.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An open-loop offered load: messages per second as a piecewise-linear function of the time
 * since the run began. Messages are due whether or not earlier ones were answered, so a slow
 * target shows as latency and backlog rather than as a quietly lower rate (no coordinated
 * omission). A closed-loop run ({@link #closed}) instead keeps a fixed number in flight, which
 * finds the highest rate a target sustains.
 */
public final class LoadProfile {
  /** A corner of the rate curve: at {@code second} the rate is {@code perSecond}. */
  public record Point(double second, double perSecond) {}

  private final String name;
  private final List<Point> points;
  private final int closedCount;

  private LoadProfile(String name, List<Point> points, int closedCount) {
    this.name = name;
    this.points = List.copyOf(points);
    this.closedCount = closedCount;
  }

  public static LoadProfile steady(double rate, Duration duration) {
    return new LoadProfile("steady", List.of(new Point(0, rate), new Point(seconds(duration), rate)), 0);
  }

  public static LoadProfile soak(double rate, Duration duration) {
    return new LoadProfile("soak", List.of(new Point(0, rate), new Point(seconds(duration), rate)), 0);
  }

  public static LoadProfile ramp(double from, double to, Duration duration) {
    return new LoadProfile("ramp", List.of(new Point(0, from), new Point(seconds(duration), to)), 0);
  }

  /**
   * A trading day compressed into {@code duration}, shaped around gate closure (the cut-off
   * after which a switch for the next day can no longer be withdrawn, which suppliers race):
   * the base rate for the first half; a climb to the peak by 70%; the peak-of-peaks in the
   * last stretch before gate closure (80% to 88%); gate closure at 90%, after which the load
   * falls back to the base rate.
   */
  public static LoadProfile peak(double base, double peak, double peakOfPeaks, Duration duration) {
    double d = seconds(duration);
    return new LoadProfile("peak", List.of(new Point(0, base), new Point(0.5 * d, base), new Point(0.7 * d, peak),
        new Point(0.78 * d, peak), new Point(0.8 * d, peakOfPeaks), new Point(0.88 * d, peakOfPeaks),
        new Point(0.9 * d, peak), new Point(0.9001 * d, base), new Point(d, base)), 0);
  }

  /** {@code "0:50,30:200,60:50"}: seconds and rates, joined by straight lines. */
  public static LoadProfile shape(String spec) {
    List<Point> points = new ArrayList<>();
    for (String corner : spec.split(",")) {
      String[] p = corner.trim().split(":");
      if (p.length != 2) {
        throw new IllegalArgumentException("a shape is second:rate pairs separated by commas, e.g. 0:50,30:200,60:50; got '"
            + corner + "'");
      }
      Point point = new Point(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
      if (point.perSecond() < 0 || (!points.isEmpty() && point.second() <= points.get(points.size() - 1).second())) {
        throw new IllegalArgumentException("shape seconds must rise and rates must not be negative: '" + corner + "'");
      }
      points.add(point);
    }
    if (points.size() < 2 || points.get(0).second() != 0) {
      throw new IllegalArgumentException("a shape starts at second 0 and has at least two corners");
    }
    return new LoadProfile("shape", points, 0);
  }

  /** {@code count} messages with a fixed number in flight, as fast as the target answers. */
  public static LoadProfile closed(int count) {
    return new LoadProfile("max", List.of(), count);
  }

  public String name() {
    return name;
  }

  public boolean isClosed() {
    return closedCount > 0;
  }

  public List<Point> points() {
    return points;
  }

  /** How long the offered load lasts (zero for a closed-loop run, which lasts as long as it takes). */
  public Duration duration() {
    return isClosed() ? Duration.ZERO : Duration.ofMillis(Math.round(points.get(points.size() - 1).second() * 1000));
  }

  /** The rate at {@code second}. */
  public double rateAt(double second) {
    for (int i = 1; i < points.size(); i++) {
      Point a = points.get(i - 1);
      Point b = points.get(i);
      if (second <= b.second()) {
        return a.perSecond() + (b.perSecond() - a.perSecond()) * (second - a.second()) / (b.second() - a.second());
      }
    }
    return 0;
  }

  /** How many messages are due by {@code second}: the area under the curve, exact for straight lines. */
  public long dueBy(double second) {
    if (isClosed()) {
      return closedCount;
    }
    double area = 0;
    for (int i = 1; i < points.size(); i++) {
      Point a = points.get(i - 1);
      Point b = points.get(i);
      double end = Math.min(second, b.second());
      if (end <= a.second()) {
        break;
      }
      area += (a.perSecond() + rateAt(end)) / 2 * (end - a.second());
    }
    return (long) Math.floor(area + 1e-9);
  }

  /** Every message the run will send. */
  public long total() {
    return isClosed() ? closedCount : dueBy(points.get(points.size() - 1).second());
  }

  private static double seconds(Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("a duration must be positive");
    }
    return d.toMillis() / 1000.0;
  }

  @Override
  public String toString() {
    if (isClosed()) {
      return "max (" + closedCount + " messages, closed loop)";
    }
    StringBuilder s = new StringBuilder(name).append(" (");
    for (int i = 0; i < points.size(); i++) {
      double second = points.get(i).second();
      String at = second == Math.rint(second) ? String.format("%.0f", second) : String.format("%.1f", second);
      s.append(i == 0 ? "" : ", ").append(String.format("%ss:%.0f/s", at, points.get(i).perSecond()));
    }
    return s.append(")").toString();
  }
}
