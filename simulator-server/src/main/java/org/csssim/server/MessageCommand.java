package org.csssim.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.catalogue.MessageType;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.message.MessageTemplate;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code message TYPE}: a sample message (samples/messages/TYPE.json, shipped in the jar) with
 * its placeholders filled, on standard output, ready to sign and send; where to send it (the
 * catalogue's route for the type) on standard error.
 */
@Command(name = "message", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print a sample message with its placeholders filled, ready to sign (samples/sign.sh) and send;",
        "the route to send it to goes to standard error. samples/messages/README.md lists the placeholders."})
final class MessageCommand implements Callable<Integer> {
  @Parameters(paramLabel = "TYPE", description = "The message type: a sample of samples/messages/ (SwitchRequest, ...).")
  String type;

  @Option(names = "--as", defaultValue = "SUPA", description = "The sender, {{sender}} (default: ${DEFAULT-VALUE}).")
  String as;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "A placeholder's value, e.g. mpxn=1200023305967, registrationId=..., correlationId=... (repeat).")
  Map<String, String> values = new LinkedHashMap<>();

  @Option(names = "--file", paramLabel = "FILE", description = "A template of your own instead of the sample.")
  Path file;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The configuration whose catalogue names the route (default: the embedded PIT defaults).")
  Path config;

  @Override
  public Integer call() throws Exception {
    String text;
    try {
      text = file != null ? Files.readString(file) : new Location("classpath:samples/messages/" + type + ".json").read();
    } catch (ConfigException e) {
      System.err.println("message: there is no sample of " + type + " (samples/messages/README.md lists them); --file"
          + " takes a template of your own");
      return 2;
    }
    SimulatorConfig cfg = config == null ? ConfigLoader.loadEmbeddedPit(Map.of()) : ConfigLoader.load(config, Map.of());
    Map<String, String> all = new LinkedHashMap<>(values);
    all.putIfAbsent("sender", as);
    String json;
    try {
      json = new MessageTemplate(text, Clock.systemUTC()).render(1, all).json();
    } catch (IllegalArgumentException e) {
      System.err.println("message: " + e.getMessage() + "; give it with --set NAME=VALUE");
      return 2;
    }
    System.out.println(json.strip());
    MessageType route = Catalogue.load(cfg.catalogueLocation()).type(type).orElse(null);
    if (route != null && route.spec().path() != null) {
      System.err.println("send it: " + route.spec().method() + " " + route.spec().path());
    }
    return 0;
  }
}
