package org.csssim.internal.config;

/** Who this instance is: a name for people and the environment label shown by {@code /version}. */
public record InstanceConfig(String name, String environment) {
  public InstanceConfig {
    name = name == null || name.isBlank() ? "css-simulator" : name;
    environment = environment == null || environment.isBlank() ? "PIT" : environment;
  }
}
