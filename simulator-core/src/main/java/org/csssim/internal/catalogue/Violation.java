package org.csssim.internal.catalogue;

/** One schema violation: the JSON Schema keyword that failed, where (a JSON pointer) and why. */
public record Violation(String keyword, String pointer, String message) {}
