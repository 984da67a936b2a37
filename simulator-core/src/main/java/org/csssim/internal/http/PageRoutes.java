package org.csssim.internal.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import org.csssim.internal.yaml.Location;

/**
 * The dashboard at {@code /} (one static page that loads without a token and asks for it
 * before it acts) and the Prometheus metrics at {@code /metrics}.
 */
public final class PageRoutes implements Routes {
  /** Read once per process, not once per event loop. */
  private static final String DASHBOARD = new Location("classpath:dashboard/index.html").read();

  private final PrometheusMeterRegistry metrics;

  public PageRoutes(PrometheusMeterRegistry metrics) {
    this.metrics = metrics;
  }

  @Override
  public void mount(Router router) {
    router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(DASHBOARD));
    router.get("/metrics").handler(io.vertx.micrometer.PrometheusScrapingHandler.create(metrics));
  }
}
