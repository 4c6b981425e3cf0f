package org.privacysuite.dsar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.privacysuite.testsupport.MovableClock;

/** Makes the application's clock the tests' {@link MovableClock} (retention periods of months and years). */
@ApplicationScoped
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MovableClock.instance();
    }
}
