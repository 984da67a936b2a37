package org.csssim.internal.party;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a URL the simulator will send to (a webhook, a physical party's system): absolute
 * https (or http, unless refused), a host, a port from 1 to 65535 when one is given, and no
 * user:password, which would be sent with every request and shown wherever the URL is.
 */
public final class ReceiverUrl {
  private ReceiverUrl() {}

  /** What is wrong with {@code url}, or empty when the simulator may send there. */
  public static Optional<String> problem(String url, boolean refuseHttp) {
    if (url == null || url.isBlank()) {
      return Optional.of("a url is required");
    }
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("'" + url + "' is not a URL: " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.of("the url must be an absolute https:// (or http://) URL, not '" + url + "'");
    }
    if (u.getRawUserInfo() != null) {
      return Optional.of("the url must not carry a user or password");
    }
    if (u.getHost() == null) {
      return Optional.of("the url has no host (or a port outside 1 to 65535): '" + url + "'");
    }
    if (u.getPort() != -1 && (u.getPort() < 1 || u.getPort() > 65535)) {
      return Optional.of("the url's port must be from 1 to 65535, not " + u.getPort());
    }
    if (scheme.equals("http") && refuseHttp) {
      return Optional.of("this instance refuses plain http (delivery.refuseHttp); use https");
    }
    return Optional.empty();
  }
}
