package org.csssim.config;

import static org.csssim.config.InvalidValue.require;

/**
 * The admin API's bearer token. When none is set (here or in {@code SIMULATOR_ADMIN_TOKEN}) the
 * simulator generates one on first start, stores it in {@code <data dir>/admin-token} and
 * prints it that once.
 */
public record AdminConfig(String token) {
  public AdminConfig {
    require(token == null || token.length() >= 16, "token", "an admin token must be at least 16 characters");
  }
}
