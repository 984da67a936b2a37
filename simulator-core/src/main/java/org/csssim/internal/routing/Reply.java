package org.csssim.internal.routing;

/** A synchronous answer a script gives in place of the catalogue's acknowledgement. */
public record Reply(int status, String contentType, byte[] body) {}
