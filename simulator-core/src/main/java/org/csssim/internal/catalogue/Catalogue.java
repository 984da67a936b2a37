package org.csssim.internal.catalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csssim.internal.message.EnvelopeLayout;
import org.csssim.internal.party.PartyOptions;
import org.csssim.internal.signature.HeaderSignature;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.InvalidValue;
import org.csssim.internal.yaml.Location;
import org.csssim.internal.yaml.YamlBinder;

/**
 * The message catalogue: every type the simulator receives or sends, its route, who may send
 * it, its schema and its acknowledgement. Loaded from data; the routes are mounted from here,
 * so loading another catalogue changes the API with no code change.
 */
public final class Catalogue {
  private final CatalogueSpec spec;
  private final Map<String, MessageType> types;
  private final List<Route> routes;
  private final EnvelopeLayout layout;

  private Catalogue(CatalogueSpec spec, Map<String, MessageType> types, List<Route> routes,
                    EnvelopeLayout layout) {
    this.spec = spec;
    this.types = types;
    this.routes = routes;
    this.layout = layout;
  }

  /**
   * One inbound route and the types it receives: one, or several sharing a route (a family
   * with one "send message" endpoint), told apart by the envelope's eventType.
   */
  public record Route(String method, String path, List<MessageType> types) {
    public boolean bodiless() {
      return "GET".equals(method);
    }

    /** The route's type named {@code eventType}, if it receives it. */
    public Optional<MessageType> type(String eventType) {
      return types.stream().filter(t -> t.eventType().equals(eventType)).findFirst();
    }

    public List<String> eventTypes() {
      return types.stream().map(MessageType::eventType).toList();
    }
  }

  public static Catalogue load(Location location) {
    String yaml = location.read();
    CatalogueSpec spec = YamlBinder.bind(yaml, location.toString(), CatalogueSpec.class);
    Map<String, MessageType> types = new LinkedHashMap<>();
    Map<String, String> routes = new HashMap<>();
    Map<String, List<MessageType>> shared = new LinkedHashMap<>();
    EnvelopeLayout layout;
    try {
      layout = EnvelopeLayout.of(spec.envelope());
    } catch (InvalidValue e) {
      throw YamlBinder.problem(yaml, location.toString(), "/" + e.key(), e.getMessage());
    }
    for (int i = 0; i < spec.messages().size(); i++) {
      MessageTypeSpec m = spec.messages().get(i);
      String at = "/messages/" + i;
      if (types.containsKey(m.eventType())) {
        throw YamlBinder.problem(yaml, location.toString(), at + "/eventType", "eventType " + m.eventType() + " is declared twice");
      }
      if (m.direction() == MessageTypeSpec.Direction.inbound && m.path() == null) {
        if (spec.endpoint() == null) {
          throw YamlBinder.problem(yaml, location.toString(), at, m.eventType()
              + ": an inbound type needs method and path, or the catalogue an endpoint");
        }
        m = m.on(spec.endpoint().method(), spec.endpoint().path());
      } else if (m.direction() == MessageTypeSpec.Direction.inbound) {
        String route = m.method() + " " + m.path().replaceAll("\\{[^}]+}", "{}");
        String clash = routes.putIfAbsent(route, m.eventType());
        if (clash != null || spec.endpoint() != null && m.method().equals(spec.endpoint().method())
            && m.path().equals(spec.endpoint().path())) {
          throw YamlBinder.problem(yaml, location.toString(), at + "/path", m.method() + " " + m.path()
              + " is already the route of " + (clash != null ? clash : "the catalogue's endpoint"));
        }
      }
      MessageSchema schema;
      try {
        schema = MessageSchema.load(location.sibling(m.schema()));
      } catch (RuntimeException e) {
        throw YamlBinder.problem(yaml, location.toString(), at + "/schema",
            "schema " + m.schema() + " cannot be loaded: " + e.getMessage());
      }
      types.put(m.eventType(), new MessageType(m, schema));
      if (m.direction() == MessageTypeSpec.Direction.inbound) {
        shared.computeIfAbsent(m.method() + " " + m.path(), k -> new ArrayList<>()).add(types.get(m.eventType()));
      }
    }
    CatalogueSpec.Connectivity c = spec.connectivity();
    if (c != null) {
      check(yaml, location, types, c.send(), MessageTypeSpec.Direction.inbound, "/connectivity/send");
      check(yaml, location, types, c.expect(), MessageTypeSpec.Direction.outbound, "/connectivity/expect");
      check(yaml, location, types, c.notification(), MessageTypeSpec.Direction.outbound, "/connectivity/notification");
    }
    if (shared.isEmpty()) {
      throw new ConfigException(location + ": the catalogue has no inbound message type, so there is nothing to serve");
    }
    List<Route> mounted = shared.values().stream().map(ts -> new Route(ts.get(0).spec().method(), ts.get(0).spec().path(),
        List.copyOf(ts))).toList();
    return new Catalogue(spec, Collections.unmodifiableMap(types), mounted, layout);
  }

  private static void check(String yaml, Location location, Map<String, MessageType> types, String type,
                            MessageTypeSpec.Direction direction, String at) {
    if (type != null && (!types.containsKey(type) || types.get(type).spec().direction() != direction)) {
      throw YamlBinder.problem(yaml, location.toString(), at, type + " is not an " + direction + " type of this catalogue");
    }
  }

  /** What a connectivity test exchanges, if the catalogue says. */
  public Optional<CatalogueSpec.Connectivity> connectivity() {
    return Optional.ofNullable(spec.connectivity());
  }

  public String name() {
    return spec.name();
  }

  public String release() {
    return spec.release();
  }

  /** The role that receives the inbound types. */
  public String receiver() {
    return spec.receiver();
  }

  /** True when the receiver passes other parties' messages on, signed by itself. */
  public boolean relays() {
    return spec.relays();
  }

  public String envelopeVersion() {
    return spec.envelopeVersion();
  }

  public Optional<MessageType> type(String eventType) {
    return Optional.ofNullable(eventType == null ? null : types.get(eventType));
  }

  public Collection<MessageType> types() {
    return types.values();
  }

  /** The inbound routes to mount, each with the types it receives. */
  public List<Route> routes() {
    return routes;
  }

  /** Where this family's messages keep their envelope. */
  public EnvelopeLayout layout() {
    return layout;
  }

  /** How several messages share one body, if this family's bodies do. */
  public Optional<CatalogueSpec.Batch> batch() {
    return Optional.ofNullable(spec.batch());
  }

  /** The signature headers this family signs with instead of a JWS, if it does. */
  public Optional<HeaderSignature> headerSignature() {
    return Optional.ofNullable(spec.headerSignature());
  }

  public CatalogueSpec.Acknowledgement acknowledgement() {
    return spec.acknowledgement();
  }

  /**
   * Refuses parties that could not sign this family's messages: with a header signature, each
   * party's key (its {@code signing.algorithm}, which decides the test PKI's key) must be of the
   * signature's type.
   */
  public void checkParties(List<PartyOptions> parties) {
    if (spec.headerSignature() == null) {
      return;
    }
    var h = spec.headerSignature();
    for (var p : parties) {
      String type = "ES256".equals(p.signing().algorithm()) ? "EC" : "RSA";
      if (!type.equals(h.keyType())) {
        throw new ConfigException("party " + p.mpid() + " signs with " + p.signing().algorithm() + " (an " + type
            + " key), but the catalogue " + name() + " signs with " + h.algorithm() + " in " + h.signatureHeader()
            + " headers: set signing: {algorithm: " + h.algorithm() + "} for it");
      }
    }
  }

  /**
   * Why a tool that sends one JWS-signed message a body cannot send this family's messages, if
   * it cannot: the family signs with headers, or its bodies are batches.
   */
  public Optional<String> notJwsAlone() {
    List<String> what = new ArrayList<>();
    headerSignature().ifPresent(h -> what.add("signs with " + h.signatureHeader() + " headers"));
    batch().ifPresent(b -> what.add("sends batch bodies"));
    return what.isEmpty() ? Optional.empty() : Optional.of("the catalogue " + name() + " " + String.join(" and ", what));
  }

  /** The body that carries {@code message} on the wire: the message itself, or a batch of one. */
  public byte[] body(byte[] message) {
    return spec.batch() == null ? message : spec.batch().of(message);
  }

  public List<MessageType> inbound() {
    return types.values().stream().filter(t -> t.spec().direction() == MessageTypeSpec.Direction.inbound).toList();
  }
}
