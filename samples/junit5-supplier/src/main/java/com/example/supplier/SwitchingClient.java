package com.example.supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * The supplier's side of a switch: builds a SwitchRequest, signs its exact bytes as a detached
 * JWS (ES256, our kid) and sends it to CSS. What a real supplier's switching service does.
 */
public final class SwitchingClient {
  private final URI css;
  private final HttpClient http;
  private final String mpid;
  private final ECDSASigner signer;
  private final String kid;

  /** An answer from CSS: the HTTP status and the JSON body. */
  public record Answer(int status, Map<String, Object> body) {
    public String correlationId() {
      return (String) body.get("correlationId");
    }

    public String registrationId() {
      return (String) body.get("registrationId");
    }
  }

  public SwitchingClient(URI css, SSLContext tls, String mpid, ECPrivateKey key, String kid) throws JOSEException {
    this.css = css;
    this.http = HttpClient.newBuilder().sslContext(tls).build();
    this.mpid = mpid;
    this.signer = new ECDSASigner(key);
    this.kid = kid;
  }

  /** Asks CSS to switch {@code mpxn} to us from {@code supplyStartDate}. */
  public Answer requestSwitch(String mpxn, String fuelType, LocalDate supplyStartDate) throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("mpxn", mpxn);
    data.put("fuelType", fuelType);
    data.put("supplyStartDate", supplyStartDate.toString());
    data.put("domesticPremisesInd", true);
    return send("/css/v1/switch-requests", envelope("SwitchRequest", UUID.randomUUID().toString(), data));
  }

  /** Withdraws our switch request while CSS still allows it. */
  public Answer withdraw(String registrationId, String correlationId) throws Exception {
    return send("/css/v1/withdrawals", envelope("WithdrawalRequest", correlationId, Map.of("registrationId", registrationId)));
  }

  /** Sends {@code json} exactly as given, signed or not: for checking how CSS treats what we send. */
  public Answer sendRaw(String path, byte[] json, String signature) throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(css.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    if (signature != null) {
      req.header("X-JWS-Signature", signature);
    }
    HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    try {
      return new Answer(r.statusCode(), JSONObjectUtils.parse(r.body()));
    } catch (ParseException e) {
      throw new IOException("CSS answered " + r.statusCode() + " with something that is not JSON: " + r.body(), e);
    }
  }

  /** The detached JWS over {@code json}: header..signature, with the payload left out. */
  public String sign(byte[] json) throws JOSEException {
    JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), new Payload(json));
    jws.sign(signer);
    return jws.serialize(true);
  }

  private Map<String, Object> envelope(String type, String correlationId, Map<String, Object> data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("eventId", UUID.randomUUID().toString());
    m.put("eventType", type);
    m.put("eventDate", Instant.now().toString());
    m.put("version", "1.0");
    m.put("correlationId", correlationId);
    m.put("senderMpid", mpid);
    m.put("senderRole", "Supplier");
    m.put("data", data);
    return m;
  }

  private Answer send(String path, Map<String, Object> message) throws Exception {
    byte[] json = JSONObjectUtils.toJSONString(message).getBytes(StandardCharsets.UTF_8);
    return sendRaw(path, json, sign(json));
  }
}
