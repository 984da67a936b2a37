package org.csssim.internal.http;

import io.vertx.ext.web.Router;

/**
 * The headers every answer carries, mounted first: HSTS (the listener is HTTPS only, so a
 * browser should never try plain HTTP), no content sniffing, no framing, no referrer; and for the
 * dashboard and the admin API, which carry a token and an instance's state, no caching and a
 * content security policy that lets the page load nothing from elsewhere.
 */
public final class SecurityHeaders implements Routes {
  /** The dashboard's own script and style are inline; it fetches and streams from this origin only. */
  static final String DASHBOARD_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
      + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void mount(Router router) {
    router.route().handler(ctx -> {
      var h = ctx.response().headers();
      h.set("Strict-Transport-Security", "max-age=31536000");
      h.set("X-Content-Type-Options", "nosniff");
      h.set("X-Frame-Options", "DENY");
      h.set("Referrer-Policy", "no-referrer");
      String path = ctx.request().path();
      if ("/".equals(path) || path.startsWith("/admin/")) {
        h.set("Cache-Control", "no-store");
        h.set("Content-Security-Policy", "/".equals(path) ? DASHBOARD_POLICY : "default-src 'none'; frame-ancestors 'none'");
      }
      ctx.next();
    });
  }
}
