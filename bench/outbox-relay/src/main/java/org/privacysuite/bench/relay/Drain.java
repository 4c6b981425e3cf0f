package org.privacysuite.bench.relay;

/** One drain of the outbox by the relay: its time, its rounds, and the part of the time until the broker acked. */
record Drain(double seconds, int rounds, double untilAckedSeconds) {
}
