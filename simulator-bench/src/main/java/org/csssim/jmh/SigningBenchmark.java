package org.csssim.jmh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.csssim.internal.jws.JwsSigner;
import org.csssim.internal.jws.JwsVerifier;
import org.csssim.internal.jws.VerificationKey;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.Pem;
import org.csssim.internal.pki.TestPki;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's raw signature rates for the key types parties use, over a message the size of
 * a notification: the ceiling signed webhook delivery (one signature each) and the intake (one
 * verification each) are read against. Beside the simulator's own JWS path, plain
 * {@code java.security.Signature} with the JDK's provider and with BouncyCastle's, so the
 * choice of implementation shows.
 *
 * <pre>java -jar simulator-bench/target/benchmarks.jar SigningBenchmark -t 1   (and -t 2 for both cores)</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {
  @Param({"ES256", "PS256"})
  public String algorithm;

  private byte[] body;
  private JwsSigner signer;
  private JwsVerifier verifier;
  private String detached;
  private PrivateKey privateKey;
  private PublicKey publicKey;
  private String jcaName;
  private byte[] jcaSignature;
  private final Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();

  @Setup
  public void keys() throws Exception {
    Path dir = Files.createTempDirectory("jmh-pki");
    TestPki pki = new TestPki(dir);
    pki.ensure(Map.of("KEY", algorithm));
    X509Certificate cert = Pem.readCertificate(pki.partyCertificate("KEY"));
    privateKey = Pem.readPrivateKey(pki.partyKey("KEY"));
    publicKey = cert.getPublicKey();
    String kid = KeyIds.kid(cert);
    VerificationKey key = new VerificationKey("KEY", kid, cert);
    // a RegistrationPendingNotification of the usual size (about 600 bytes)
    body = ("{\"eventId\":\"3f1c7a52-6a0e-4d0b-9a57-0c1f0b9f4c11\",\"eventType\":\"RegistrationPendingNotification\","
        + "\"eventDate\":\"2026-11-23T10:15:30.123Z\",\"version\":\"1.0\",\"correlationId\":\"9b2d8c1e-3c4f-4e8a-8d7b-"
        + "2f6e5a4c3b21\",\"senderMpid\":\"CSS\",\"senderRole\":\"CSS\",\"recipientMpid\":\"SUPA\",\"contextType\":"
        + "\"GainingSupplier\",\"data\":{\"registrationId\":\"5e0c2b7a-8f3d-4c1e-9a6b-7d2e1f0c3b4a\",\"mpxn\":\"1221000000007\","
        + "\"fuelType\":\"E\",\"supplyStartDate\":\"2026-12-14\",\"registrationStatus\":\"Pending\",\"supplierMpid\":\"SUPA\"}}")
        .getBytes(StandardCharsets.UTF_8);
    signer = new JwsSigner(privateKey, kid, algorithm, true);   // a test PKI key, as the simulator's parties sign with
    verifier = new JwsVerifier(k -> kid.equals(k) ? Optional.of(key) : Optional.empty());
    detached = signer.detached(body);
    jcaName = algorithm.equals("ES256") ? "SHA256withECDSA" : "RSASSA-PSS";
    jcaSignature = jcaSign(null);
  }

  private Signature jca(Provider provider) throws Exception {
    Signature s = provider == null ? Signature.getInstance(jcaName) : Signature.getInstance(jcaName, provider);
    if (algorithm.equals("PS256")) {
      s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
          java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
    }
    return s;
  }

  private byte[] jcaSign(Provider provider) throws Exception {
    Signature s = jca(provider);
    s.initSign(privateKey);
    s.update(body);
    return s.sign();
  }

  private boolean jcaVerify(Provider provider) throws Exception {
    Signature s = jca(provider);
    s.initVerify(publicKey);
    s.update(body);
    return s.verify(jcaSignature);
  }

  /** What the simulator does for every webhook: a detached JWS over the body. */
  @Benchmark
  public String simulatorSign() {
    return signer.detached(body);
  }

  /** What the intake does for every message: check a detached JWS. */
  @Benchmark
  public Object simulatorVerify() throws Exception {
    return verifier.verifyDetached(detached, body);
  }

  @Benchmark
  public byte[] jdkSign() throws Exception {
    return jcaSign(null);
  }

  @Benchmark
  public boolean jdkVerify() throws Exception {
    return jcaVerify(null);
  }

  @Benchmark
  public byte[] bouncyCastleJcaSign() throws Exception {
    return jcaSign(bc);
  }

  @Benchmark
  public boolean bouncyCastleJcaVerify() throws Exception {
    return jcaVerify(bc);
  }
}
