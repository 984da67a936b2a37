package org.csssim.load;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The live line a tester watches: the offered and answered rates over the last interval,
 * errors, what is due but not yet sent (the tool's backlog), what is in flight, and callbacks.
 * One line per interval rather than a redrawn one, so it reads the same in a CI log.
 */
final class Progress {
  private final Injector.Stats stats;
  private final Ledger ledger;
  private final int total;
  private final PrintStream out;
  private final Duration every;
  private Thread thread;

  Progress(Injector.Stats stats, Ledger ledger, int total, PrintStream out, Duration every) {
    this.stats = stats;
    this.ledger = ledger;
    this.total = total;
    this.out = out;
    this.every = every;
  }

  void start() {
    if (every == null || every.isZero()) {
      return;
    }
    thread = new Thread(() -> {
      long lastAnswered = 0;
      long lastCallbacks = 0;
      long lastAt = System.nanoTime();
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(every.toMillis());
          long now = System.nanoTime();
          double s = (now - lastAt) / 1e9;
          long answered = stats.answered.get();
          long callbacks = ledger.callbackCount();
          out.printf("%6.1fs  answered %,7.0f/s  accepted %,d of %,d  errors %,d  retried %,d  backlog %,d  in flight %,d"
                  + "  callbacks %,7.0f/s (%,d)%n",
              stats.startNanos == 0 ? 0.0 : (now - stats.startNanos) / 1e9, (answered - lastAnswered) / s,
              stats.accepted.get(), total, stats.failed.get(), stats.retried.get(),
              Math.max(0, stats.due.get() - stats.started.get()), stats.inFlight(),
              (callbacks - lastCallbacks) / s, callbacks);
          lastAnswered = answered;
          lastCallbacks = callbacks;
          lastAt = now;
        }
      } catch (InterruptedException e) {
        // stopped
      }
    }, "load-progress");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    if (thread != null) {
      thread.interrupt();
      thread.join();
    }
  }
}
