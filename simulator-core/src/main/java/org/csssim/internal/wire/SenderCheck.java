package org.csssim.internal.wire;

import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import org.csssim.internal.catalogue.MessageType;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.error.Rejection;
import org.csssim.internal.jws.JwsVerifier;
import org.csssim.internal.jws.Signing;
import org.csssim.internal.jws.VerificationKey;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.pki.KeyIds;

/**
 * After the signature: is the signer a party that may send this type, in the role it claims,
 * the way it is configured to sign, over the TLS connection it holds? Each "no" is a 403,
 * except a profile mismatch, which is about the media type (415).
 */
final class SenderCheck {
  private final Supplier<PartyRegistry> parties;

  SenderCheck(Supplier<PartyRegistry> parties) {
    this.parties = parties;
  }

  /** A webhook: the signer must be a physical party holding the catalogue's receiver role, and claim it. */
  void checkReceiver(String receiverRole, JwsVerifier.Verified signature, String claimedRole, Signing.Profile used,
                     X509Certificate clientCertificate, String rolePointer) throws Rejection {
    if (!receiverRole.equals(claimedRole)) {
      throw Rejection.of(ErrorCode.SENDER_NOT_ALLOWED, "webhooks here come from the " + receiverRole + ", not a "
          + claimedRole, rolePointer);
    }
    Party party = parties.get().party(signature.key().owner()).orElseThrow(() ->
        Rejection.of(ErrorCode.SENDER_UNKNOWN, "the signer " + signature.key().owner() + " is not a party of this instance"));
    if (!party.physical()) {
      throw Rejection.of(ErrorCode.SENDER_NOT_PHYSICAL, party.mpid() + " is simulated in this instance; its webhooks come"
          + " from inside");
    }
    if (!party.hasRole(receiverRole)) {
      throw Rejection.of(ErrorCode.SENDER_ROLE_NOT_HELD, party.mpid() + " does not hold the role " + receiverRole,
          rolePointer);
    }
    clientMatches(signature.key().owner(), clientCertificate, parties.get());
  }

  /**
   * @param claimedRole the envelope's senderRole, or null for an enquiry (then the first role of
   *                    the signer that may send the type is used)
   * @param used        the JWS profile the message came in, or null for a catalogue's header signature
   * @param rolePointer where the envelope keeps senderRole, for the errors' pointers
   * @return the role the message is sent in
   */
  String check(MessageType type, JwsVerifier.Verified signature, String claimedRole, Signing.Profile used,
               X509Certificate clientCertificate, String rolePointer) throws Rejection {
    PartyRegistry registry = parties.get();
    String mpid = signature.key().owner();
    Party party = registry.party(mpid).orElseThrow(() ->
        Rejection.of(ErrorCode.SENDER_UNKNOWN, "the signer " + mpid + " is not a party of this instance"));
    if (!party.physical()) {
      throw Rejection.of(ErrorCode.SENDER_NOT_PHYSICAL, mpid + " is simulated in this instance; swap it to physical"
          + " before sending as it");
    }
    String role = claimedRole;
    if (role == null) {
      role = party.roles().stream().filter(type::sentBy).findFirst().orElseThrow(() -> Rejection.of(
          ErrorCode.SENDER_NOT_ALLOWED, "none of " + mpid + "'s roles " + party.roles() + " may send " + type.eventType()));
    } else if (!party.hasRole(role)) {
      throw Rejection.of(ErrorCode.SENDER_ROLE_NOT_HELD, mpid + " does not hold the role " + role + "; its roles are "
          + party.roles(), rolePointer);
    }
    if (!type.sentBy(role)) {
      throw Rejection.of(ErrorCode.SENDER_NOT_ALLOWED, "a " + role + " may not send " + type.eventType()
          + "; the catalogue allows " + type.spec().senders(), claimedRole == null ? null : rolePointer);
    }
    if (claimedRole != null && used != null && party.signing().profile() != used) {
      throw Rejection.of(ErrorCode.SIGNING_PROFILE_MISMATCH, mpid + " is configured to sign with the "
          + party.signing().profile() + " profile, but this message is " + used);
    }
    clientMatches(mpid, clientCertificate, registry);
    return role;
  }

  /** With mutual TLS, the client certificate must be a key of the signer. */
  private static void clientMatches(String mpid, X509Certificate clientCertificate, PartyRegistry registry) throws Rejection {
    if (clientCertificate != null) {
      String owner = registry.key(KeyIds.kid(clientCertificate)).map(VerificationKey::owner).orElse(null);
      if (!mpid.equals(owner)) {
        throw Rejection.of(ErrorCode.TLS_CLIENT_MISMATCH, "the TLS client certificate ("
            + clientCertificate.getSubjectX500Principal().getName() + ") is "
            + (owner == null ? "no party's key" : "a key of " + owner) + ", but the message is signed by " + mpid);
      }
    }
  }
}
