package org.csssim.catalogue;

import static org.csssim.config.InvalidValue.require;

import java.util.List;

/** A catalogue file: its name and release (shown by {@code /version}) and its message types. */
public record CatalogueSpec(String name, String release, List<MessageTypeSpec> messages) {
  public CatalogueSpec {
    require(name != null && !name.isBlank(), "name", "a catalogue needs a name");
    require(release != null && !release.isBlank(), "release", "a catalogue needs a release");
    require(messages != null && !messages.isEmpty(), "messages", "a catalogue needs at least one message type");
    messages = List.copyOf(messages);
  }
}
