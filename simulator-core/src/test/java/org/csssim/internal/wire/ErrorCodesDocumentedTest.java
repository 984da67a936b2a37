package org.csssim.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.csssim.internal.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** docs/errors.md lists every code with its status, and nothing that is not a code. */
class ErrorCodesDocumentedTest {
  @Test
  void theDocumentationListsExactlyTheCodesWithTheirStatus() throws Exception {
    String doc = Files.readString(Path.of("../docs/errors.md"));
    Matcher m = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE).matcher(doc);
    Map<String, Integer> documented = new TreeMap<>();
    while (m.find()) {
      documented.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    Map<String, Integer> codes = Arrays.stream(ErrorCode.values())
        .collect(Collectors.toMap(Enum::name, ErrorCode::status, (a, b) -> a, TreeMap::new));
    assertEquals(codes, documented);
  }
}
