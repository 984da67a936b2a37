package org.csssim.wire;

import java.util.Map;

/** What the intake answers: status, extra headers and a body (JSON unless a scenario says otherwise). */
public record IntakeResponse(int status, Map<String, String> headers, String contentType, byte[] body) {}
