package org.csssim.server;

import org.csssim.internal.config.PartyConfig;
import org.csssim.internal.party.Party;
import org.csssim.internal.runtime.Simulator;

/** What start-up prints: where the simulator listens, where its test PKI is and how a user's system uses it. */
final class StartupReport {
  private StartupReport() {}

  static String of(Simulator sim) {
    Simulator s = sim;
    String base = "https://localhost:" + sim.port();
    StringBuilder sb = new StringBuilder();
    sb.append("CSS Simulator ").append(s.version()).append(" - instance ").append(s.config().instance().name())
        .append(" (").append(s.config().instance().environment()).append(")\n");
    sb.append("Catalogue: ").append(s.catalogue().name()).append(' ').append(s.catalogue().release())
        .append(", ").append(s.catalogue().inbound().size()).append(" inbound types")
        .append(s.catalogue().headerSignature().map(h -> ", signed by " + h.signatureHeader() + " headers").orElse(""))
        .append('\n');
    sb.append("Listening on https://").append(s.config().listener().host()).append(':').append(sim.port())
        .append(" (").append(String.join(", ", s.config().listener().tls().protocols())).append(")\n");
    sb.append("State: ").append(s.store().description())
        .append(s.store().durable() ? " (kept across restarts)" : "").append("\n\n");
    sb.append("Test PKI in ").append(s.pki().dir())
        .append(sim.pkiOutcome().created().isEmpty() ? " (reused)" : " (created now: " + sim.pkiOutcome().created() + ")")
        .append('\n');
    sb.append("  Trust ").append(s.pki().caCertificate()).append(" (or ").append(base)
        .append("/pki/ca.crt) for this server's TLS certificate.\n");
    for (PartyConfig pc : s.config().parties()) {
      Party p = s.parties().get().party(pc.mpid()).orElseThrow();
      if (p.physical() && p.signingKid() != null) {
        sb.append("  ").append(p.mpid()).append(" (your system) signs with ").append(s.dataDir().resolve(pc.signingKey()))
            .append(" (").append(p.signing().algorithm()).append(", kid ").append(p.signingKid()).append(", ")
            .append(s.catalogue().headerSignature().isPresent() ? "in " + s.catalogue().headerSignature().get().signatureHeader()
                + " headers, with its certificate " + s.dataDir().resolve(pc.keys().get(0))
                : p.signing().profile() + " JWS").append(").\n");
      }
    }
    sb.append("  Verify messages from the simulated parties with ").append(base)
        .append("/pki/parties/{mpid}/jwks.json (e.g. ").append(s.catalogue().receiver()).append(").\n");
    if (s.adminToken().generated()) {
      sb.append("\nAdmin token (shown this once; kept in ").append(s.adminToken().file()).append("):\n  ")
          .append(s.adminToken().value()).append('\n');
    } else if (s.adminToken().file() != null) {
      sb.append("\nAdmin token: in ").append(s.adminToken().file()).append('\n');
    }
    sb.append("Health: ").append(base).append("/health  Version: ").append(base).append("/version");
    return sb.toString();
  }
}
