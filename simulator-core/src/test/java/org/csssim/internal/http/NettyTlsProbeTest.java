package org.csssim.internal.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.util.Properties;
import org.junit.jupiter.api.Test;

/** Netty's TLS check run early: BouncyCastle still tests every RSA modulus on the thread afterwards. */
class NettyTlsProbeTest {
  private static final BigInteger PRIME_MODULUS = BigInteger.probablePrime(2048, new SecureRandom());

  @Test
  void aPrimeModulusIsRefusedBeforeAndAfter() {
    assertThrows(IllegalArgumentException.class, () -> new RSAKeyParameters(false, PRIME_MODULUS, BigInteger.valueOf(65537)));
    assertDoesNotThrow(NettyTlsProbe::runNow);
    assertFalse(Properties.isOverrideSet("org.bouncycastle.rsa.allow_unsafe_mod"));
    assertThrows(IllegalArgumentException.class, () -> new RSAKeyParameters(false, PRIME_MODULUS, BigInteger.valueOf(65537)));
    assertDoesNotThrow(NettyTlsProbe::runNow);   // a second time: the class is ready, nothing runs
  }
}
