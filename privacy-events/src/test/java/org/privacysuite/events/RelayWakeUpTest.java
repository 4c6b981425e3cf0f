package org.privacysuite.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.outbox.Outbox;
import org.privacysuite.events.outbox.RelayWakeUp;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.TestDatabase;

/**
 * The relay goes as soon as this process commits an outbox row, and not for a transaction that rolled back. The
 * relay's own loop is off in these tests, so nothing else takes the wake-up.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "events"))
class RelayWakeUpTest {

    @Inject
    Outbox outbox;

    @Inject
    RelayWakeUp wakeUp;

    private static ConsentChanged change(String subject) {
        return new ConsentChanged(subject, "analytics", true, 1, Instant.now());
    }

    @Test
    void aCommittedRowWakesTheRelayAndARolledBackOneDoesNot() throws Exception {
        wakeUp.await(Duration.ZERO); // whatever earlier tests committed
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(change("wake-" + UUID.randomUUID()));
            throw new IllegalStateException("rolled back");
        }));
        assertFalse(wakeUp.await(Duration.ofMillis(500)), "a rolled-back row wakes nothing");

        QuarkusTransaction.requiringNew().run(() -> outbox.publish(change("wake-" + UUID.randomUUID())));
        assertTrue(wakeUp.await(Duration.ofSeconds(10)), "woken by the commit, long before the pause is over");
        assertFalse(wakeUp.await(Duration.ZERO), "one wake-up per commit, not one per waiting round");
    }
}
