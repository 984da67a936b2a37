package org.csssim.internal.admin;

import static org.csssim.internal.yaml.InvalidValue.require;

/**
 * The admin API's bearer token. When none is set (here or in {@code SIMULATOR_ADMIN_TOKEN}) the
 * simulator generates one on first start, stores it in {@code <data dir>/admin-token} and
 * prints it that once.
 */
public record AdminOptions(String token) {
  public AdminOptions {
    require(token == null || token.length() >= 16, "token", "an admin token must be at least 16 characters");
  }
}
