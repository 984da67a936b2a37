package org.csssim.internal.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The second interface family, the MHHS DIP, is data alone (catalogue/dip-reference,
 * scenarios/dip-reference): no Java source outside the tests names it or any of its members.
 * If this fails, what the Java names belongs in the catalogue, as a general mechanism.
 */
class NoInterfaceFamilyInJavaTest {
  private static final Pattern DIP = Pattern.compile("CommonBlock|CustomBlock|interfaceID|schemaVersion|eventCode"
      + "|environmentTag|senderUniqueReference|senderTimestamp|senderDIPID|senderRoleID|senderCorrelationID"
      + "|primaryRecipients|secondaryRecipients|transactionID|transactionTimestamp|publicationID|initialCorrelationID"
      + "|replayIndicator|MPANCore|distributorDIPID|GSPGroupID|X-DIP-|\\bDIP\\b|\\bMHHS\\b|IF-REF|PUB-REF");

  @Test
  void noMainSourceNamesTheDipOrItsMembers() throws IOException {
    List<String> found = new ArrayList<>();
    int files = 0;
    for (String module : List.of("simulator-core", "simulator-server", "simulator-load", "simulator-junit5", "simulator-bench")) {
      Path src = Path.of("..", module, "src", "main", "java");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> java = Files.walk(src)) {
        for (Path f : java.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            var m = DIP.matcher(lines.get(i));
            if (m.find()) {
              found.add(f + ":" + (i + 1) + ": " + m.group());
            }
          }
        }
      }
    }
    assertTrue(files > 100, "the sources were read: " + files);
    assertEquals(List.of(), found);
  }
}
