package org.csssim.internal.http;

import io.vertx.ext.web.Router;

/**
 * A group of routes the listener serves. Each group is built once with exactly what it needs
 * and shared by every event loop's router, so it holds only what is safe to use from several
 * threads.
 */
public interface Routes {
  void mount(Router router);
}
