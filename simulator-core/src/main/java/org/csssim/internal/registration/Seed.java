package org.csssim.internal.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.yaml.InvalidValue;
import org.csssim.internal.yaml.Location;
import org.csssim.internal.yaml.YamlBinder;

/**
 * The seed of the registration model: a YAML list of meter points, each an {@code mpxn} and its
 * attributes. Every MPxN must carry correct check digits (13 digits: an MPAN core; 6 to 10: an
 * MPRN), so the test data is as a real system would see it.
 */
public record Seed(List<Map<String, Object>> meterPoints) {
  public Seed {
    meterPoints = meterPoints == null ? List.of() : List.copyOf(meterPoints);
    for (int i = 0; i < meterPoints.size(); i++) {
      Object mpxn = meterPoints.get(i).get("mpxn");
      boolean valid = mpxn instanceof String s && (s.length() == 13 ? MeterNumbers.mpanCoreValid(s) : MeterNumbers.mprnValid(s));
      if (!valid) {
        throw new InvalidValue("meterPoints/" + i + "/mpxn", "'" + mpxn
            + "' is not an MPAN core or MPRN with correct check digits");
      }
    }
  }

  public static Seed load(Location location) {
    return YamlBinder.bind(location.read(), location.toString(), Seed.class);
  }

  /**
   * Puts the seed's meter points into the model, in {@code unit}; one the model already holds (kept from an
   * earlier run by a durable store, switched since, say) keeps what it holds.
   */
  public void into(Registrations model, Unit unit) {
    for (Map<String, Object> m : meterPoints) {
      Map<String, Object> attributes = new LinkedHashMap<>(m);
      String mpxn = (String) attributes.remove("mpxn");
      if (model.meterPoint(mpxn).isEmpty()) {
        model.putMeterPoint(new MeterPoint(mpxn, attributes), unit);
      }
    }
  }
}
