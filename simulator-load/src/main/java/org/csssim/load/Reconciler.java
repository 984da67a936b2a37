package org.csssim.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Every input against what it should have brought back: each accepted message's expected
 * notifications delivered, none twice under different eventIds, nothing unexpected, every
 * signature valid. A redelivery of the same eventId is counted apart and does not fail the
 * run: webhooks are at-least-once, and a receiver drops a repeat by its eventId (after a
 * restart, a notification sent just before it may come again). Also measures, per kind of notification, how long after its message
 * fell due it arrived (after-clock ones from the moment the clock was advanced).
 */
final class Reconciler {
  private static final int EXAMPLES = 10;

  /** The outcome, with a few examples of each problem so a tester can look them up in the journal. */
  record Result(int inputs, int accepted, int notAccepted, int complete, int missing, int duplicates, int redelivered,
                int unexpected, int badSignatures, Map<String, Integer> missingByType, Map<String, Integer> unexpectedByType,
                List<String> examples, Map<String, Histogram> latencyByKind, long lastArrivalNanos,
                long lastAfterClockArrivalNanos) {
    boolean passed() {
      return notAccepted == 0 && missing == 0 && duplicates == 0 && unexpected == 0 && badSignatures == 0;
    }
  }

  /** Latency is measured for inputs from {@code measuredFrom} on (the warm-up's are reconciled, not timed). */
  static Result reconcile(Ledger ledger, Expectations expectations, boolean clockAdvanced, long clockAdvancedNanos,
                          int measuredFrom) {
    int accepted = 0;
    int complete = 0;
    int missing = 0;
    int duplicates = 0;
    int redelivered = 0;
    int unexpected = 0;
    Map<String, Integer> missingByType = new TreeMap<>();
    Map<String, Integer> unexpectedByType = new TreeMap<>();
    Map<String, Histogram> latency = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    long lastArrival = 0;
    long lastAfterClock = 0;
    for (Ledger.Input in : ledger.inputs) {
      List<Ledger.Callback> got = ledger.callbacksFor(in.correlationId);
      if (!in.accepted()) {
        if (examples.size() < EXAMPLES) {
          examples.add("not accepted: " + in.type + " eventId " + in.eventId + " (" + describe(in) + ")");
        }
        for (Ledger.Callback c : got) {
          unexpected++;
          unexpectedByType.merge(c.eventType(), 1, Integer::sum);
        }
        continue;
      }
      accepted++;
      // every expectation, in the order the receiver matched against; after-clock ones count only if the clock moved
      List<Expectations.Expected> expected = expectations.of(in.type, true);
      boolean[] matched = new boolean[expected.size()];
      int problems = 0;
      Set<String> eventIds = new HashSet<>();
      for (Ledger.Callback c : got) {
        boolean redelivery = !eventIds.add(c.eventId());
        int slot = -1;  // the first expectation it meets that is still open, else the first it meets
        for (int i = 0; i < expected.size(); i++) {
          if ((c.matches() & (1L << i)) != 0 && (clockAdvanced || !expected.get(i).afterClock())
              && (slot < 0 || (matched[slot] && !matched[i]))) {
            slot = i;
          }
        }
        if (slot < 0) {
          unexpected++;
          problems++;
          unexpectedByType.merge(c.eventType(), 1, Integer::sum);
          example(examples, "unexpected " + c.eventType() + " eventId " + c.eventId() + " for " + in.type + " correlationId "
              + in.correlationId + (c.unmatchedData() == null ? "" : ": " + c.unmatchedData()));
        } else if (redelivery) {
          redelivered++;
        } else if (matched[slot]) {
          duplicates++;
          problems++;
          example(examples, "duplicate " + c.eventType() + " eventId " + c.eventId() + " for correlationId " + in.correlationId);
        } else {
          matched[slot] = true;
          Expectations.Expected e = expected.get(slot);
          if (in.seq >= measuredFrom) {
            if (e.afterClock()) {
              lastAfterClock = Math.max(lastAfterClock, c.arrivedNanos());
            } else {
              lastArrival = Math.max(lastArrival, c.arrivedNanos());
            }
            long from = e.afterClock() ? clockAdvancedNanos : in.dueNanos;
            latency.computeIfAbsent(e.label(), k -> histogram())
                .recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(c.arrivedNanos() - from)));
          }
        }
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!matched[i] && (clockAdvanced || !expected.get(i).afterClock())) {
          missing++;
          problems++;
          missingByType.merge(expected.get(i).label(), 1, Integer::sum);
          example(examples, "missing " + expected.get(i).label() + " for " + in.type + " correlationId " + in.correlationId
              + " mpxn " + in.mpxn);
        }
      }
      if (problems == 0) {
        complete++;
      }
    }
    for (Ledger.Callback c : ledger.strays()) {
      unexpected++;
      unexpectedByType.merge(c.eventType(), 1, Integer::sum);
      example(examples, "unexpected " + c.eventType() + " eventId " + c.eventId() + " with a correlationId this run never sent ("
          + c.correlationId() + ")");
    }
    ledger.badSignatures.stream().limit(EXAMPLES).forEach(c ->
        example(examples, "bad signature on " + c.eventType() + " eventId " + c.eventId() + ": " + c.signatureProblem()));
    int inputs = ledger.inputs.size();
    return new Result(inputs, accepted, inputs - accepted, complete, missing, duplicates, redelivered, unexpected,
        ledger.badSignatures.size(), missingByType, unexpectedByType, examples, latency, lastArrival, lastAfterClock);
  }

  static Histogram histogram() {
    return new Histogram(TimeUnit.HOURS.toMicros(24), 3);
  }

  private static String describe(Ledger.Input in) {
    if (in.status == -1) {
      return "never got through: " + in.errorCode;
    }
    return in.status == 0 ? "no answer" : "HTTP " + in.status + (in.errorCode == null ? "" : " " + in.errorCode);
  }

  private static void example(List<String> examples, String text) {
    if (examples.size() < 3 * EXAMPLES) {
      examples.add(text);
    }
  }
}
