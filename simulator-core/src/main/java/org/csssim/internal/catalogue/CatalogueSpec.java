package org.csssim.internal.catalogue;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.List;

/**
 * A catalogue file: its name and release (shown by {@code /version}), the role that receives
 * its inbound types ({@code receiver}, CSS in the reference catalogue), the envelope version
 * stamped on messages the simulator writes, and its message types.
 */
public record CatalogueSpec(String name, String release, String receiver, String envelopeVersion,
                            List<MessageTypeSpec> messages) {
  public CatalogueSpec {
    require(receiver != null && !receiver.isBlank(), "receiver", "a catalogue names the role that receives its inbound types");
    envelopeVersion = envelopeVersion == null ? "1.0" : envelopeVersion;
    require(name != null && !name.isBlank(), "name", "a catalogue needs a name");
    require(release != null && !release.isBlank(), "release", "a catalogue needs a release");
    require(messages != null && !messages.isEmpty(), "messages", "a catalogue needs at least one message type");
    messages = List.copyOf(messages);
  }
}
