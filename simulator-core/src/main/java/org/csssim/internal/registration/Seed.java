package org.csssim.internal.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.yaml.InvalidValue;
import org.csssim.internal.yaml.YamlBinder;

/**
 * The seed of the registration model: a YAML list of meter points, each an {@code mpxn} and its
 * attributes. Every MPxN must carry correct check digits (13 digits: an MPAN core; 6 to 10: an
 * MPRN), so the test data is as a real system would see it. {@code digest} names the seed and
 * what it was checked against (null for none); a model that already holds a seed of that digest
 * is not given it again, so a start need not read a seed that has not changed.
 */
public record Seed(List<Map<String, Object>> meterPoints, String digest) {
  /** A pack with no seed. */
  public static final Seed NONE = new Seed(List.of(), null);

  public Seed {
    meterPoints = meterPoints == null ? List.of() : List.copyOf(meterPoints);
  }

  /** The seed file as written: its one key, its check digits checked as it is read, so a wrong one is reported at its line. */
  record File(List<Map<String, Object>> meterPoints) {
    File {
      meterPoints = meterPoints == null ? List.of() : meterPoints;
      for (int i = 0; i < meterPoints.size(); i++) {
        Object mpxn = meterPoints.get(i).get("mpxn");
        boolean valid = mpxn instanceof String s && (s.length() == 13 ? MeterNumbers.mpanCoreValid(s) : MeterNumbers.mprnValid(s));
        if (!valid) {
          throw new InvalidValue("meterPoints/" + i + "/mpxn", "'" + mpxn
              + "' is not an MPAN core or MPRN with correct check digits");
        }
      }
    }
  }

  /** Reads the seed {@code yaml} (from {@code source}), known by {@code digest}. */
  public static Seed parse(String yaml, String source, String digest) {
    return new Seed(YamlBinder.bind(yaml, source, File.class).meterPoints(), digest);
  }

  /** A seed the model already holds ({@link Registrations#holdsSeed}): not read, and nothing to put in. */
  public static Seed held(String digest) {
    return new Seed(List.of(), digest);
  }

  /**
   * Puts the seed's meter points into the model, in {@code unit}, and records its digest there;
   * one the model already holds (kept from an earlier run by a durable store, switched since, say)
   * keeps what it holds.
   */
  public void into(Registrations model, Unit unit) {
    if (digest == null || model.holdsSeed(digest)) {
      return;
    }
    for (Map<String, Object> m : meterPoints) {
      Map<String, Object> attributes = new LinkedHashMap<>(m);
      String mpxn = (String) attributes.remove("mpxn");
      if (model.meterPoint(mpxn).isEmpty()) {
        model.putMeterPoint(new MeterPoint(mpxn, attributes), unit);
      }
    }
    model.seeded(digest, unit);
  }
}
