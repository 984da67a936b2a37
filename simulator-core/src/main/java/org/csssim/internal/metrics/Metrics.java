package org.csssim.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * The Prometheus registry of one simulator: Vert.x's own metrics (HTTP server and client,
 * event loops), the JVM's, and the simulator's (messages, rejections, delivery, backlog, live
 * scenario instances), scraped at {@code /metrics}.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public Metrics() {
    // Prometheus's conventions (promtool check metrics): base units, no abbreviated units in
    // names, "_count" only on histograms and summaries. Three of the JVM binders' meters break
    // them; the CPU time comes back in seconds, the CPU count under another name.
    registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("jvm.compilation.time")
        || id.getName().equals("process.cpu.time")));
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
      }
    });
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean process) {
      FunctionCounter.builder("process.cpu", process, p -> p.getProcessCpuTime() / 1e9).baseUnit("seconds")
          .description("CPU time used by the process").register(registry);
    }
  }

  /** A Vert.x that reports into this registry. */
  public Vertx vertx() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void gauge(String name, String description, Supplier<Number> value, String... tags) {
    Gauge.builder(name, value).description(description).tags(tags).register(registry);
  }

  /**
   * A counter read from {@code source} (a total it keeps), shown as {@code name_total}. The
   * registry holds {@code source} weakly, so it must be an object that lives as long as the
   * simulator, not a lambda made for the call.
   */
  public <T> void counter(String name, String description, T source, java.util.function.ToDoubleFunction<T> count,
                          String... tags) {
    FunctionCounter.builder(name, source, count).description(description).tags(tags).register(registry);
  }
}
