/**
 * The unit of work: the one type every store port shares. A component begins a unit, passes it
 * explicitly to each port it changes, and commits it; the {@code store} package implements
 * units (one transaction on a database; nothing to do in memory).
 */
package org.csssim.internal.unit;
