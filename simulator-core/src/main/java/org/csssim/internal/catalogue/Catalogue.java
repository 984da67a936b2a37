package org.csssim.internal.catalogue;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csssim.internal.yaml.ConfigException;
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

  private Catalogue(CatalogueSpec spec, Map<String, MessageType> types) {
    this.spec = spec;
    this.types = types;
  }

  public static Catalogue load(Location location) {
    String yaml = location.read();
    CatalogueSpec spec = YamlBinder.bind(yaml, location.toString(), CatalogueSpec.class);
    Map<String, MessageType> types = new LinkedHashMap<>();
    Map<String, String> routes = new HashMap<>();
    for (int i = 0; i < spec.messages().size(); i++) {
      MessageTypeSpec m = spec.messages().get(i);
      String at = "/messages/" + i;
      if (types.containsKey(m.eventType())) {
        throw YamlBinder.problem(yaml, location.toString(), at + "/eventType", "eventType " + m.eventType() + " is declared twice");
      }
      if (m.direction() == MessageTypeSpec.Direction.inbound) {
        String route = m.method() + " " + m.path().replaceAll("\\{[^}]+}", "{}");
        String clash = routes.putIfAbsent(route, m.eventType());
        if (clash != null) {
          throw YamlBinder.problem(yaml, location.toString(), at + "/path", m.method() + " " + m.path() + " is already the route of " + clash);
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
    }
    CatalogueSpec.Connectivity c = spec.connectivity();
    if (c != null) {
      check(yaml, location, types, c.send(), MessageTypeSpec.Direction.inbound, "/connectivity/send");
      check(yaml, location, types, c.expect(), MessageTypeSpec.Direction.outbound, "/connectivity/expect");
      check(yaml, location, types, c.notification(), MessageTypeSpec.Direction.outbound, "/connectivity/notification");
    }
    if (routes.isEmpty()) {
      throw new ConfigException(location + ": the catalogue has no inbound message type, so there is nothing to serve");
    }
    return new Catalogue(spec, java.util.Collections.unmodifiableMap(types));
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

  public String envelopeVersion() {
    return spec.envelopeVersion();
  }

  public Optional<MessageType> type(String eventType) {
    return Optional.ofNullable(eventType == null ? null : types.get(eventType));
  }

  public Collection<MessageType> types() {
    return types.values();
  }

  public List<MessageType> inbound() {
    return types.values().stream().filter(t -> t.spec().direction() == MessageTypeSpec.Direction.inbound).toList();
  }
}
