package org.csssim.internal.routing;

import java.util.List;
import org.csssim.internal.error.Problem;
import org.csssim.internal.unit.Unit;

/**
 * The router's sending face: where a simulated party's scripts send what they send.
 *
 * <p>The scenario engine both receives from the router (it is a {@link Destination}) and sends
 * through it, so one of the two must exist before the other. The outlet is made first and
 * given to the engine; the router, made next with the engine as a destination, binds the
 * outlet to itself in its constructor, once. Routing owns the binding, and no component can
 * rewire it later; a send before the router exists is a programming error and says so.
 */
public final class Outlet {
  private Router router;

  void bind(Router r) {
    if (router != null) {
      throw new IllegalStateException("an outlet belongs to one router");
    }
    router = r;
  }

  /** Journals {@code m} and hands it to its recipient's destination, in {@code unit}. */
  public void send(Routed m, Unit unit) {
    router().send(m, unit);
  }

  /** Journals a message a script tried to send but could not ({@code errors} say why). */
  public void refused(Routed m, List<Problem> errors) {
    router().refused(m, errors);
  }

  private Router router() {
    if (router == null) {
      throw new IllegalStateException("a message was sent before the router was made");
    }
    return router;
  }
}
