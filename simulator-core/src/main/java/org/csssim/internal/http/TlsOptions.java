package org.csssim.internal.http;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.List;
import java.util.Set;

/**
 * Server TLS. Paths are relative to the data directory. Only TLS 1.3 and 1.2 may be enabled:
 * the contract sets 1.2 as the minimum. {@code clientAuth} turns on mutual TLS, where the
 * client certificate must belong to the party that signs the message.
 */
public record TlsOptions(String certificate, String key, List<String> protocols, ClientAuthMode clientAuth, List<String> trust) {
  private static final Set<String> ALLOWED = Set.of("TLSv1.3", "TLSv1.2");

  public enum ClientAuthMode { none, request, required }

  public TlsOptions {
    certificate = certificate == null ? "pki/tls.crt" : certificate;
    key = key == null ? "pki/tls.key" : key;
    protocols = protocols == null || protocols.isEmpty() ? List.of("TLSv1.3", "TLSv1.2") : List.copyOf(protocols);
    for (int i = 0; i < protocols.size(); i++) {
      require(ALLOWED.contains(protocols.get(i)), "protocols/" + i,
          "protocol '" + protocols.get(i) + "' is not allowed; use TLSv1.3 and/or TLSv1.2");
    }
    clientAuth = clientAuth == null ? ClientAuthMode.none : clientAuth;
    trust = trust == null || trust.isEmpty() ? List.of("pki/ca.crt") : List.copyOf(trust);
  }

  public TlsOptions withClientAuth(ClientAuthMode mode) {
    return new TlsOptions(certificate, key, protocols, mode, trust);
  }

  public TlsOptions withProtocols(List<String> p) {
    return new TlsOptions(certificate, key, p, clientAuth, trust);
  }
}
