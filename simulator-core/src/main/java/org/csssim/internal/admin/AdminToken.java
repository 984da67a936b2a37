package org.csssim.internal.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.csssim.internal.pki.Pem;

/**
 * The admin API's bearer token: the configured one, else the one stored in
 * {@code <data dir>/admin-token}, else a new random one stored there (and reported as new, so
 * start-up prints it that once).
 */
public record AdminToken(String value, Path file, boolean generated) {

  public static AdminToken resolve(String configured, Path dataDir) throws IOException {
    Path file = dataDir.resolve("admin-token");
    if (configured != null) {
      return new AdminToken(configured, null, false);
    }
    if (Files.exists(file)) {
      String stored = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (stored.length() >= 16) {
        return new AdminToken(stored, file, false);
      }
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Pem.write(file, token + "\n", true);
    return new AdminToken(token, file, true);
  }

  /**
   * The token a client of an instance (the load tool, the connectivity test) presents: {@code
   * given}, else the one the instance stored in its data directory, else none (null).
   */
  public static String givenOrStored(String given, Path dataDir) throws IOException {
    Path file = dataDir.resolve("admin-token");
    return given != null || !Files.exists(file) ? given : Files.readString(file, StandardCharsets.US_ASCII).trim();
  }

  /** A short, non-secret name for the token, recorded with the changes made with it. */
  public String fingerprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Who made a change with this token, as the journal and the change logs record it. */
  public String actor() {
    return "admin-token:" + fingerprint();
  }

  /** Constant-time comparison, so the answer's timing says nothing about the token. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
