package org.csssim.internal.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message made compact for a queue is the same message: its bytes, its envelope, and its tree read again. */
class MessageTest {
  @Test
  void aCompactMessageIsTheSameMessage() throws Exception {
    Message full = Message.of(Files.readAllBytes(Path.of("../samples/messages/SwitchRequest.json")));
    Map<String, Object> data = full.map();   // its tree and maps are made
    Message compact = full.compact();
    assertNotSame(full, compact);
    assertArrayEquals(full.bytes(), compact.bytes());
    assertEquals(full.envelope(), compact.envelope());
    assertEquals(full.eventId(), compact.eventId());
    assertEquals(full.tree(), compact.tree(), "read again from its bytes");
    assertEquals(data, compact.map());
    Message unread = Message.of(full.bytes());
    assertSame(unread, unread.compact(), "one never read is compact already");
  }
}
