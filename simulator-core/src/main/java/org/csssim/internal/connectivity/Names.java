package org.csssim.internal.connectivity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks a service name up: at the resolver the user names ({@code --dns host:port}, asked
 * directly for A and AAAA by dnsjava: no search list, no cache, no hosts file, so what is seen
 * is what that resolver says), or through the system's resolver when none is named. An IP
 * literal is its own address.
 */
final class Names {
  private final InetSocketAddress resolver;
  private final Duration timeout;

  /** {@code resolver} null: the system's. */
  Names(InetSocketAddress resolver, Duration timeout) {
    this.resolver = resolver;
    this.timeout = timeout;
  }

  /** The addresses found, in the order given: A records, then AAAA. */
  record Found(List<InetAddress> addresses, String where) {}

  static final class NotFound extends Exception {
    NotFound(String message) {
      super(message);
    }
  }

  Found resolve(String host) throws NotFound, IOException {
    if (isLiteral(host)) {
      return new Found(List.of(InetAddress.getByName(host)), "an IP address, not a name: nothing to look up");
    }
    if (resolver == null) {
      try {
        return new Found(List.of(InetAddress.getAllByName(host)), "the system's resolver");
      } catch (UnknownHostException e) {
        throw new NotFound(host + " does not resolve through the system's resolver");
      }
    }
    List<InetAddress> out = new ArrayList<>();
    String where = "the resolver at " + resolver.getHostString() + ":" + resolver.getPort();
    int nxdomain = 0;
    for (int type : new int[] {Type.A, Type.AAAA}) {
      Message answer = ask(host, type);
      if (answer.getRcode() == Rcode.NXDOMAIN) {
        nxdomain++;
      } else if (answer.getRcode() != Rcode.NOERROR) {
        throw new IOException(where + " answered " + Rcode.string(answer.getRcode()) + " for " + host + " " + Type.string(type));
      }
      for (Record r : answer.getSection(Section.ANSWER)) {
        if (r instanceof ARecord a) {
          out.add(a.getAddress());
        } else if (r instanceof AAAARecord a) {
          out.add(a.getAddress());
        }
      }
    }
    if (out.isEmpty()) {
      throw new NotFound(host + (nxdomain > 0 ? " does not exist (NXDOMAIN) at " : " has no A or AAAA record at ") + where);
    }
    return new Found(List.copyOf(out), where);
  }

  private Message ask(String host, int type) throws IOException {
    SimpleResolver r = new SimpleResolver(resolver);
    r.setTimeout(timeout);
    Name name;
    try {
      name = Name.fromString(host.endsWith(".") ? host : host + ".");
    } catch (TextParseException e) {
      throw new IOException(host + " is not a DNS name: " + e.getMessage(), e);
    }
    return r.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
  }

  static boolean isLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  /** host:port, as --dns takes it (port 53 when left out). */
  static InetSocketAddress resolverAt(String spec) {
    if (spec == null || spec.isBlank()) {
      return null;
    }
    int colon = spec.lastIndexOf(':');
    String host = colon < 0 ? spec : spec.substring(0, colon);
    int port = colon < 0 ? 53 : Integer.parseInt(spec.substring(colon + 1));
    if (!isLiteral(host)) {
      throw new IllegalArgumentException("--dns takes the resolver's IP address and port (e.g. 127.0.0.1:5353), not " + spec);
    }
    return new InetSocketAddress(host, port);
  }
}
