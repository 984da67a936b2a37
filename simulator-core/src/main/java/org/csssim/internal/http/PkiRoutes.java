package org.csssim.internal.http;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.csssim.internal.jws.VerificationKey;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.Pem;

/**
 * The public half of the PKI, without authentication: the CA certificate, each party's
 * certificate, and each party's JWK set (every key valid now, during a rotation more than one),
 * whose kids are the ones to put in a JWS header.
 */
public final class PkiRoutes implements Routes {
  private final Supplier<PartyRegistry> parties;
  /** Read once, when the routes are built, not on the event loop per request; null when there is none. */
  private final String caPem;

  public PkiRoutes(Path caCertificate, Supplier<PartyRegistry> parties) {
    this.parties = parties;
    String pem;
    try {
      pem = Files.readString(caCertificate);
    } catch (IOException e) {
      pem = null;
    }
    this.caPem = pem;
  }

  @Override
  public void mount(Router router) {
    router.get("/pki/ca.crt").handler(this::ca);
    router.get("/pki/parties/:mpid/jwks.json").handler(this::jwks);
    router.get("/pki/parties/:file").handler(this::certificate);
  }

  private void ca(RoutingContext ctx) {
    if (caPem == null) {
      notFound(ctx, "this instance has no test CA certificate");
    } else {
      pem(ctx, caPem);
    }
  }

  /** The certificate that pairs with the key the party signs with, else its first. */
  private void certificate(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    if (!file.endsWith(".crt")) {
      notFound(ctx, "certificates are served as /pki/parties/{mpid}.crt");
      return;
    }
    Party party = parties.get().party(file.substring(0, file.length() - 4)).orElse(null);
    if (party == null || party.keys().isEmpty()) {
      notFound(ctx, "no party " + file.substring(0, file.length() - 4));
      return;
    }
    VerificationKey key = party.keys().stream().filter(k -> k.kid().equals(party.signingKid())).findFirst()
        .orElse(party.keys().get(0));
    pem(ctx, Pem.certificate(key.certificate()));
  }

  private void jwks(RoutingContext ctx) {
    Party party = parties.get().party(ctx.pathParam("mpid")).orElse(null);
    if (party == null) {
      notFound(ctx, "no party " + ctx.pathParam("mpid"));
      return;
    }
    List<JWK> keys = new ArrayList<>();
    for (VerificationKey k : party.keys()) {
      try {
        JWK base = JWK.parse(k.certificate());
        keys.add(jwkWith(base, k));
      } catch (Exception e) {
        ctx.fail(500, e);
        return;
      }
    }
    ctx.response().putHeader("Content-Type", "application/jwk-set+json")
        .end(new JWKSet(keys).toString(true));
  }

  private static JWK jwkWith(JWK base, VerificationKey k) throws CertificateEncodingException {
    List<Base64> chain = List.of(Base64.encode(k.certificate().getEncoded()));
    if (base instanceof com.nimbusds.jose.jwk.ECKey ec) {
      return new com.nimbusds.jose.jwk.ECKey.Builder(ec).keyID(k.kid()).keyUse(KeyUse.SIGNATURE)
          .x509CertChain(chain).x509CertSHA256Thumbprint(KeyIds.x5tS256(k.certificate())).build();
    }
    return new com.nimbusds.jose.jwk.RSAKey.Builder((com.nimbusds.jose.jwk.RSAKey) base).keyID(k.kid())
        .keyUse(KeyUse.SIGNATURE).x509CertChain(chain).x509CertSHA256Thumbprint(KeyIds.x5tS256(k.certificate())).build();
  }

  private static void pem(RoutingContext ctx, String pem) {
    ctx.response().putHeader("Content-Type", "application/x-pem-file").end(pem);
  }

  private static void notFound(RoutingContext ctx, String message) {
    ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
        .end(new io.vertx.core.json.JsonObject().put("status", "NotFound").put("message", message).encode());
  }
}
