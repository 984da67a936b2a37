package org.csssim.internal.party;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csssim.internal.jws.VerificationKey;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.Pem;
import org.csssim.internal.yaml.ConfigException;

/**
 * The parties of this instance and every verification key, indexed by {@code kid}. A kid is
 * unique across parties, so the owner of a signature is known before it is checked.
 * Immutable: a change of keys or modes builds a new registry, so the intake reads one without
 * locks.
 */
public final class PartyRegistry {
  private final Map<String, Party> byMpid;
  private final Map<String, VerificationKey> byKid;
  private final Map<String, Rotating> rotations;

  /** A party's rotation with the keys it moves between: its configured ones and the next. */
  private record Rotating(KeyRotation plan, List<VerificationKey> configured, PrivateKey key, String kid,
                          VerificationKey next, PrivateKey nextKey, boolean nextIsTestPki) {}

  private PartyRegistry(Map<String, Party> byMpid, Map<String, VerificationKey> byKid, Map<String, Rotating> rotations) {
    this.byMpid = byMpid;
    this.byKid = byKid;
    this.rotations = rotations;
  }

  /** Loads every party's certificates and signing key; key paths are relative to the data directory. */
  public static PartyRegistry load(List<PartyOptions> configs, Path dataDir) {
    Map<String, Party> parties = new LinkedHashMap<>();
    Map<String, VerificationKey> kids = new HashMap<>();
    Map<String, Rotating> rotations = new HashMap<>();
    for (PartyOptions pc : configs) {
      List<VerificationKey> keys = new ArrayList<>();
      for (String path : pc.keys()) {
        X509Certificate cert = certificate(dataDir.resolve(path), pc.mpid());
        VerificationKey key = new VerificationKey(pc.mpid(), KeyIds.kid(cert), cert);
        VerificationKey clash = kids.putIfAbsent(key.kid(), key);
        if (clash != null) {
          throw new ConfigException("party " + pc.mpid() + ": key " + path + " (kid " + key.kid()
              + ") is already a key of party " + clash.owner() + "; every party needs its own keys");
        }
        keys.add(key);
      }
      PrivateKey signingKey = null;
      String signingKid = null;
      Path keyFile = dataDir.resolve(pc.signingKey());
      if (Files.exists(keyFile)) {
        signingKey = privateKey(keyFile, pc.mpid());
        signingKid = matchingKid(keys, signingKey, keyFile, pc.mpid());
      }
      parties.put(pc.mpid(), new Party(pc.mpid(), pc.roles(), pc.mode(), pc.url(), pc.signing(), List.copyOf(keys),
          signingKey, signingKid, pc.signsWithTestPki()));
      if (pc.rotation() != null) {
        KeyRotation r = pc.rotation();
        X509Certificate cert = certificate(dataDir.resolve(r.certificate()), pc.mpid());
        VerificationKey next = new VerificationKey(pc.mpid(), KeyIds.kid(cert), cert);
        VerificationKey clash = kids.putIfAbsent(next.kid(), next);
        if (clash != null) {
          throw new ConfigException("party " + pc.mpid() + ": rotation certificate " + r.certificate() + " (kid " + next.kid()
              + ") is already a key of party " + clash.owner());
        }
        Path nextKeyFile = dataDir.resolve(r.signingKey());
        PrivateKey nextKey = privateKey(nextKeyFile, pc.mpid());
        matchingKid(List.of(next), nextKey, nextKeyFile, pc.mpid());
        rotations.put(pc.mpid(), new Rotating(r, List.copyOf(keys), signingKey, signingKid, next, nextKey,
            r.usesTestPki(pc.mpid())));
      }
    }
    return new PartyRegistry(java.util.Collections.unmodifiableMap(parties), Map.copyOf(kids), Map.copyOf(rotations));
  }

  /** The instants at which a rotation changes a party's keys, every party's, in no order. */
  public List<java.time.Instant> rotationInstants() {
    List<java.time.Instant> out = new ArrayList<>();
    rotations.values().forEach(r -> out.addAll(List.of(r.plan().published(), r.plan().signs(), r.plan().withdrawn())));
    return out;
  }

  /**
   * This registry with every rotating party's keys as they stand at {@code now} (simulated
   * time): its configured certificates until the rotation withdraws them, the next one once
   * it is published, and the next key signing once it signs. Modes and URLs are unchanged.
   */
  public PartyRegistry at(java.time.Instant now) {
    if (rotations.isEmpty()) {
      return this;
    }
    Map<String, Party> next = new LinkedHashMap<>(byMpid);
    rotations.forEach((mpid, r) -> {
      Party p = byMpid.get(mpid);
      List<VerificationKey> published = new ArrayList<>();
      if (now.isBefore(r.plan().withdrawn())) {
        published.addAll(r.configured());
      }
      if (!now.isBefore(r.plan().published())) {
        published.add(r.next());
      }
      boolean signsNext = !now.isBefore(r.plan().signs());
      next.put(mpid, new Party(p.mpid(), p.roles(), p.mode(), p.url(), p.signing(), List.copyOf(published),
          signsNext ? r.nextKey() : r.key(), signsNext ? r.next().kid() : r.kid(),
          signsNext ? r.nextIsTestPki() : p.testPkiKey()));
    });
    return new PartyRegistry(java.util.Collections.unmodifiableMap(next), byKid, rotations);
  }

  /** This registry with {@code mpid} in another mode (and URL); its keys are unchanged. */
  public PartyRegistry withMode(String mpid, Mode mode, String url) {
    Map<String, Party> next = new LinkedHashMap<>(byMpid);
    Party p = byMpid.get(mpid);
    next.put(mpid, new Party(p.mpid(), p.roles(), mode, url, p.signing(), p.keys(), p.signingKey(), p.signingKid(),
        p.testPkiKey()));
    return new PartyRegistry(java.util.Collections.unmodifiableMap(next), byKid, rotations);
  }

  public Optional<Party> party(String mpid) {
    return Optional.ofNullable(mpid == null ? null : byMpid.get(mpid));
  }

  public Optional<VerificationKey> key(String kid) {
    return Optional.ofNullable(kid == null ? null : byKid.get(kid));
  }

  /** The party that receives what is sent to {@code role} (the catalogue's receiver, CSS): a simulated one first. */
  public Optional<Party> receiverOf(String role) {
    Optional<Party> simulated = byMpid.values().stream().filter(p -> p.hasRole(role) && !p.physical()).findFirst();
    return simulated.isPresent() ? simulated : byMpid.values().stream().filter(p -> p.hasRole(role)).findFirst();
  }

  public Collection<Party> parties() {
    return byMpid.values();
  }

  private static X509Certificate certificate(Path file, String mpid) {
    try {
      return Pem.readCertificate(file);
    } catch (IOException e) {
      throw new ConfigException("party " + mpid + ": cannot read certificate " + file + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file, String mpid) {
    try {
      return Pem.readPrivateKey(file);
    } catch (IOException e) {
      throw new ConfigException("party " + mpid + ": cannot read signing key " + file + ": " + e.getMessage(), e);
    }
  }

  /** The signing key must pair with one of the party's certificates: that certificate's kid goes in the header. */
  private static String matchingKid(List<VerificationKey> keys, PrivateKey key, Path file, String mpid) {
    for (VerificationKey k : keys) {
      if (KeyPairs.match(k.publicKey(), key)) {
        return k.kid();
      }
    }
    throw new ConfigException("party " + mpid + ": signing key " + file + " matches none of its certificates " + keys.stream().map(VerificationKey::kid).toList());
  }
}
