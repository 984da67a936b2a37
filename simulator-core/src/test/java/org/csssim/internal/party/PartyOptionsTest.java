package org.csssim.internal.party;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.csssim.internal.yaml.InvalidValue;
import org.junit.jupiter.api.Test;

class PartyOptionsTest {
  private static PartyOptions party(List<String> keys, String signingKey, String url) {
    return new PartyOptions("SUPA", List.of("Supplier"), null, url, null, keys, signingKey);
  }

  @Test
  void aPartySignsWithTheTestPkiOnlyWithItsOwnTestKeyAndCertificate() {
    assertTrue(party(null, null, null).signsWithTestPki());
    assertFalse(party(null, "keys/supa-real.key", null).signsWithTestPki(), "a configured signing key is the user's");
    assertFalse(party(List.of("keys/supa-real.crt"), "pki/parties/SUPA.key", null).signsWithTestPki(),
        "a configured certificate means a key of the user's");
  }

  @Test
  void aConfiguredUrlIsCheckedAtLoad() {
    assertThrows(InvalidValue.class, () -> party(null, null, "file:///etc/passwd"));
    assertThrows(InvalidValue.class, () -> party(null, null, "https://user:secret@supa.test/"));
    assertTrue(party(null, null, "https://supa.test:9443/css").usesTestPki());
  }
}
