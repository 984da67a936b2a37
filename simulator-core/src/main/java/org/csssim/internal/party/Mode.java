package org.csssim.internal.party;

/**
 * How a party is played: by a script inside the simulator ({@code simulated}) or by a real
 * system at a URL ({@code physical}). Never both at once; swapped at run time by
 * {@link Connections}.
 */
public enum Mode { simulated, physical }
