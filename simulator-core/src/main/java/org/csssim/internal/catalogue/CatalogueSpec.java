package org.csssim.internal.catalogue;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.List;

/**
 * A catalogue file: its name and release (shown by {@code /version}), the role that receives
 * its inbound types ({@code receiver}, CSS in the reference catalogue), the envelope version
 * stamped on messages the simulator writes, its message types, and what a connectivity test
 * exchanges ({@code connectivity}, optional).
 */
public record CatalogueSpec(String name, String release, String receiver, String envelopeVersion,
                            List<MessageTypeSpec> messages, Connectivity connectivity) {
  /**
   * A connectivity test's message exchange (phase 4): a participant sends {@code send} (an
   * inbound type, rendered from {@code template}) and waits for {@code expect} with the same
   * correlationId; the receiver's side sends {@code notification} (an outbound type, from
   * {@code notificationTemplate}) to a participant's webhook. Templates take the placeholders of
   * {@code samples/messages} and default to its file for the type; {@code values} fills
   * placeholders in both (a meter point no test data has, say, so the exchange changes nothing).
   */
  public record Connectivity(String send, String template, String expect, String notification, String notificationTemplate,
                             java.util.Map<String, String> values) {
    public Connectivity {
      values = values == null ? java.util.Map.of() : java.util.Map.copyOf(values);
    }
  }

  public CatalogueSpec {
    require(receiver != null && !receiver.isBlank(), "receiver", "a catalogue names the role that receives its inbound types");
    envelopeVersion = envelopeVersion == null ? "1.0" : envelopeVersion;
    require(name != null && !name.isBlank(), "name", "a catalogue needs a name");
    require(release != null && !release.isBlank(), "release", "a catalogue needs a release");
    require(messages != null && !messages.isEmpty(), "messages", "a catalogue needs at least one message type");
    messages = List.copyOf(messages);
  }
}
