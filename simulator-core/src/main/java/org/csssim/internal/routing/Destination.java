package org.csssim.internal.routing;

import io.vertx.core.Future;
import java.util.Optional;
import org.csssim.internal.unit.Unit;

/**
 * Where the router hands messages for the parties of one mode: the scenario engine takes those
 * for simulated parties, webhook delivery those for physical ones. Neither knows the other.
 */
public interface Destination {
  Future<Optional<Reply>> NO_REPLY = Future.succeededFuture(Optional.empty());

  /**
   * Takes {@code m} for its recipient: what it keeps goes in {@code unit}, and it acts on the
   * message once the unit is committed. The answer completes when the sender may be answered:
   * at once for a message a script sent; for one {@link Routed#fromOutside() from outside},
   * once the recipient's script has run on it, with the reply that script gave, if any.
   */
  Future<Optional<Reply>> take(Routed m, Unit unit);
}
