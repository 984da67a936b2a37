package org.csssim.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.csssim.internal.admin.AdminOptions;
import org.csssim.internal.store.StoreOptions;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.InvalidValue;
import org.csssim.internal.yaml.YamlBinder;

/**
 * Reads an instance configuration: the file given with {@code --config}, or the PIT defaults
 * embedded in the jar (the same bytes as {@code samples/pit.yaml}), then the environment
 * overrides. Any problem stops start-up with file:line, the key and the reason.
 */
public final class ConfigLoader {
  public static final String EMBEDDED_PIT = "samples/pit.yaml";

  private ConfigLoader() {}

  public static SimulatorConfig load(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the configuration: " + e.getMessage(), e);
    }
    return applyEnvironment(parse(text, file.toString()), env);
  }

  public static SimulatorConfig loadEmbeddedPit(Map<String, String> env) {
    return applyEnvironment(parse(embeddedPitText(), "embedded " + EMBEDDED_PIT), env);
  }

  public static String embeddedPitText() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(EMBEDDED_PIT)) {
      if (in == null) {
        throw new ConfigException("the jar has no embedded " + EMBEDDED_PIT + "; it was built wrongly");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read the embedded " + EMBEDDED_PIT, e);
    }
  }

  public static SimulatorConfig parse(String yaml, String source) {
    return YamlBinder.bind(yaml, source, SimulatorConfig.class);
  }

  /** The contract's environment overrides. */
  static SimulatorConfig applyEnvironment(SimulatorConfig config, Map<String, String> env) {
    SimulatorConfig c = config;
    String port = env.get("SIMULATOR_PORT");
    if (port != null && !port.isBlank()) {
      try {
        c = c.withListener(c.listener().withPort(Integer.parseInt(port.trim())));
      } catch (NumberFormatException | InvalidValue e) {
        throw new ConfigException("environment SIMULATOR_PORT: '" + port + "' is not a port number (0-65535)");
      }
    }
    String token = env.get("SIMULATOR_ADMIN_TOKEN");
    if (token != null && !token.isBlank()) {
      try {
        c = c.withAdmin(new AdminOptions(token.trim()));
      } catch (InvalidValue e) {
        throw new ConfigException("environment SIMULATOR_ADMIN_TOKEN: " + e.getMessage());
      }
    }
    String dataDir = env.get("SIMULATOR_DATA_DIR");
    if (dataDir != null && !dataDir.isBlank()) {
      c = c.withDataDir(dataDir.trim());
    }
    return applyStore(c, env.get("SIMULATOR_STORE"), env.get("SIMULATOR_STORE_URL"), env.get("SIMULATOR_STORE_STANDBY"));
  }

  /**
   * SIMULATOR_STORE (memory, embedded, postgresql), SIMULATOR_STORE_URL and SIMULATOR_STORE_STANDBY
   * (true or false) choose the store without editing a file.
   */
  private static SimulatorConfig applyStore(SimulatorConfig c, String kind, String url, String standby) {
    if (blank(kind) && blank(url) && blank(standby)) {
      return c;
    }
    StoreOptions s = c.store();
    if (!blank(standby) && !standby.trim().equals("true") && !standby.trim().equals("false")) {
      throw new ConfigException("environment SIMULATOR_STORE_STANDBY: '" + standby + "' is not true or false");
    }
    try {
      StoreOptions.Kind k = blank(kind) ? s.kind() : StoreOptions.Kind.valueOf(kind.trim());
      return c.withStore(new StoreOptions(k, s.file(), blank(url) ? s.url() : url.trim(), s.user(),
          s.password(), s.poolSize(), s.maxBatch(), s.retention(), blank(standby) ? s.standby() : Boolean.valueOf(standby.trim()),
          k == StoreOptions.Kind.embedded ? s.engine() : null, s.registrationsInHeap()));
    } catch (InvalidValue e) {
      throw new ConfigException("environment SIMULATOR_STORE" + (e.key().equals("standby") ? "_STANDBY" : "_URL") + ": "
          + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("environment SIMULATOR_STORE: '" + kind + "' is not memory, embedded or postgresql");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
