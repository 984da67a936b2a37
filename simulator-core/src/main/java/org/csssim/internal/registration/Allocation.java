package org.csssim.internal.registration;

import java.time.Instant;
import java.util.List;

/** Meter points handed out for a test, recorded so none is handed out twice in a data set. */
public record Allocation(String id, String forMpid, String fuelType, String registeredTo, List<String> mpxns, Instant at) {}
