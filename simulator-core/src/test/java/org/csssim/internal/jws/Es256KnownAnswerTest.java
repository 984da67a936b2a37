package org.csssim.internal.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.csssim.internal.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The hand-written ES256 ({@link Es256}) against published answers: every Wycheproof vector for
 * P-256 with SHA-256 in IEEE P1363 form (signature malleability, r or s out of range, zero, the
 * order, special points, edge cases of the arithmetic) and RFC 6979's deterministic signatures.
 */
class Es256KnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);

  @Test
  void everyWycheproofVectorIsAcceptedOrRefusedAsPublished() throws Exception {
    JsonNode file;
    try (InputStream in = getClass().getResourceAsStream("/wycheproof/ecdsa_secp256r1_sha256_p1363_test.json")) {
      file = Json.MAPPER.readTree(in);
    }
    List<String> wrong = new ArrayList<>();
    int valid = 0;
    int invalid = 0;
    for (JsonNode group : file.get("testGroups")) {
      ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(HEX.parseHex(group.get("publicKeyDer").asText())));
      JWSVerifier verifier = Es256.verifier(key);
      for (JsonNode t : group.get("tests")) {
        boolean accepted = verifier.verify(ES256, HEX.parseHex(t.get("msg").asText()),
            Base64URL.encode(HEX.parseHex(t.get("sig").asText())));
        String expected = t.get("result").asText();
        if (expected.equals("valid")) {
          valid++;
        } else if (expected.equals("invalid")) {
          invalid++;
        }
        if (expected.equals("valid") && !accepted || expected.equals("invalid") && accepted) {
          wrong.add("tcId " + t.get("tcId").asInt() + " (" + t.get("comment").asText() + "): expected " + expected);
        }
      }
    }
    assertEquals(file.get("numberOfTests").asInt(), valid + invalid, "every vector is valid or invalid, none acceptable");
    assertTrue(wrong.isEmpty(), wrong.size() + " vectors answered wrongly: " + wrong);
    assertEquals(173, valid);
    assertEquals(89, invalid);
  }

  /** RFC 6979 A.2.5: the P-256 key and its SHA-256 signatures of "sample" and "test". */
  @Test
  void signaturesAreRfc6979Deterministic() throws Exception {
    ECParameterSpec p256 = p256();
    ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(
        new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16), p256));
    var signer = Es256.signer(key);
    assertEquals("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
            + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
        HEX.withUpperCase().formatHex(signer.sign(ES256, "sample".getBytes(StandardCharsets.US_ASCII)).decode()));
    assertEquals("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
            + "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083",
        HEX.withUpperCase().formatHex(signer.sign(ES256, "test".getBytes(StandardCharsets.US_ASCII)).decode()));
  }

  @Test
  void onlyTestPkiKeysTakeTheFastSignerOthersTheJdksConstantTimeOne() throws Exception {
    ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(
        BigInteger.valueOf(123456789), p256()));
    assertInstanceOf(ECDSASigner.class, Algorithms.signer(JWSAlgorithm.ES256, key, false),
        "a user's or an operator's key is signed by nimbus over the JDK");
    assertTrue(Algorithms.signer(JWSAlgorithm.ES256, key, true).getClass().getName().startsWith(Es256.class.getName()),
        "a test PKI key may use the fast signer");
  }

  private static ECParameterSpec p256() throws Exception {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    return parameters.getParameterSpec(ECParameterSpec.class);
  }
}
