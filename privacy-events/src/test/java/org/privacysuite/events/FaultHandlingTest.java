package org.privacysuite.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumer;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.TestDatabase;
import org.privacysuite.testsupport.TopicReader;

/** Real faults on the consumer side: a lock held by another transaction, an Error that ends the consumer thread. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "events"))
class FaultHandlingTest {

    /**
     * How long a new consumer group may need to reach this test's records: it starts at the beginning of a topic
     * that a shared broker may have filled with other runs' records.
     */
    private static final Duration CATCH_UP = Duration.ofSeconds(120);

    @Inject
    InboxConsumers consumers;

    @Inject
    TestEvents events;

    @Inject
    Effects effects;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    /**
     * Another transaction holds the row the handler must update until the event has failed four times, more than
     * max-attempts (3) allows: every attempt ends in a real lock wait timeout (MySQL error 1205). That is transient, so
     * the event is retried until the lock goes, then applied once; nothing is dead-lettered.
     */
    @Test
    void lockWaitTimeoutsAreRetriedWithoutLimitAndNeverDeadLettered() throws Exception {
        String consumerName = "lockwait-" + UUID.randomUUID();
        String subject = "lockwait-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        InboxConsumer consumer = consumers.start(consumerName, List.of(Topics.CONSENT_EVENTS), event -> {
            if (!event.key().equals(subject)) {
                return;
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET SESSION innodb_lock_wait_timeout = 1");
                s.executeUpdate("UPDATE test_lock SET n = n + 1 WHERE id = 1");
            }
            effects.record(consumerName, event);
        });
        TopicReader dlq = new TopicReader(Topics.deadLetterTopicOf(Topics.CONSENT_EVENTS));
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT n FROM test_lock WHERE id = 1 FOR UPDATE")) {
                lock.executeQuery().close();
            }
            events.sendConsentChanged(id, subject, 1);
            // Held until the event has failed more often than max-attempts (3) allows a poison record to fail.
            await().atMost(CATCH_UP.plusSeconds(60)).until(() -> retries(consumerName) >= 4);
            assertEquals(0, effects.count(consumerName, id), "not applied while the lock is held");
            holder.rollback();
        }
        try {
            await().atMost(CATCH_UP).until(() -> effects.count(consumerName, id) == 1);
            assertEquals(List.of(), dlq.readFor(Duration.ofSeconds(3), r -> subject.equals(r.key())), "no dead letter");
        } finally {
            dlq.close();
            consumers.stop(consumer);
        }
    }

    /**
     * The dsar-service incident: an OutOfMemoryError in a handler ended the consumer thread for good while health
     * stayed UP. Now the supervisor restarts it; readiness is DOWN until then and the restart is counted.
     */
    @Test
    void aConsumerThreadKilledByAnErrorIsRestartedAndReadinessShowsTheGap() throws Exception {
        String consumerName = "oom-" + UUID.randomUUID();
        String subject = "oom-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        AtomicBoolean thrown = new AtomicBoolean();
        InboxConsumer consumer = consumers.start(consumerName, List.of(Topics.CONSENT_EVENTS), event -> {
            if (event.key().equals(subject)) {
                if (thrown.compareAndSet(false, true)) {
                    throw new OutOfMemoryError("Java heap space (thrown by the test)");
                }
                effects.record(consumerName, event);
            }
        });
        try {
            // ready before (this first request also warms the HTTP client up: it must be quick in the gap below)
            assertEquals(200, readinessStatus(), "ready before the thread dies");
            events.sendConsentChanged(id, subject, 1);
            await().atMost(CATCH_UP).until(thrown::get);
            // the dying thread first closes its Kafka consumer (up to 5 s), then waits the 2 s restart backoff;
            // meanwhile /q/health/ready, what a Kubernetes readiness probe asks, answers 503
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(FaultHandlingTest::readinessStatus, equalTo(503));
            await().atMost(CATCH_UP).until(() -> effects.count(consumerName, id) == 1);
            assertEquals(1.0, registry.get("privacy.events.worker.restarts").tag("worker", "inbox-" + consumerName)
                    .functionCounter().count());
        } finally {
            consumers.stop(consumer);
        }
        assertEquals(200, readinessStatus(), "a stopped worker is no longer watched");
    }

    private static int readinessStatus() {
        return given().when().get("/q/health/ready").then().extract().statusCode();
    }

    private double retries(String consumerName) {
        return registry.counter("privacy.events.consumer.retries", "consumer", consumerName, "kind", "transient").count();
    }
}
