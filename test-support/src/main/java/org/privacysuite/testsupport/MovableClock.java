package org.privacysuite.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock for tests that runs with real time plus an offset a test moves forward (tokens that expire, holds
 * that pass their end date, retention periods). A service's tests produce it as the application's {@link Clock}
 * bean; {@link #reset()} between tests.
 */
public final class MovableClock extends Clock {

    private static final MovableClock INSTANCE = new MovableClock();
    private static volatile Duration offset = Duration.ZERO;

    private MovableClock() {
    }

    public static Clock instance() {
        return INSTANCE;
    }

    public static void advance(Duration by) {
        offset = offset.plus(by);
    }

    public static void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
