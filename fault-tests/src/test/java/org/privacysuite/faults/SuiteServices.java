package org.privacysuite.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.privacysuite.testsupport.KeycloakServer;
import org.privacysuite.testsupport.TestDatabase;

/**
 * The suite's real consent-service and newsletter-service, as the reactor packaged them, on the lab's broker:
 * consent-service on a fresh database of the shared MariaDB, newsletter-service on the scratch MariaDB whose death is
 * the fault of acceptance 2. Writes go through consent-service's public API; what newsletter-service did is read from
 * its own tables.
 */
final class SuiteServices {

    static final String PERSONALISATION = "newsletter-personalisation";
    static final String NEWSLETTER_CONSUMER = "newsletter-service.consent-events";

    final AppProcess consent;
    final AppProcess newsletter;
    private final String consentDb;
    private final ScratchDatabase scratch;
    private final String newsletterDb;

    /** Launches both (not yet ready: the caller awaits readiness with the lab's other processes). */
    SuiteServices(String kafka, ScratchDatabase scratch, String newsletterDb) {
        this.scratch = scratch;
        this.newsletterDb = newsletterDb;
        consentDb = TestDatabase.create("faultconsent");
        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        common.put("OIDC_AUTH_SERVER_URL", KeycloakServer.ensureRunning() + "/realms/" + KeycloakServer.REALM);
        common.put("SERVICE_CLIENT_SECRET", "local-services-secret");
        Map<String, String> consentEnv = new HashMap<>(common);
        consentEnv.put("DB_URL", TestDatabase.jdbcUrl(consentDb));
        consentEnv.put("DB_USERNAME", TestDatabase.username());
        consentEnv.put("DB_PASSWORD", TestDatabase.password());
        consent = AppProcess.service("consent-service", 28094, consentEnv);
        Map<String, String> newsletterEnv = new HashMap<>(common);
        newsletterEnv.put("DB_URL", scratch.jdbcUrl(newsletterDb));
        newsletterEnv.put("DB_USERNAME", "root");
        newsletterEnv.put("DB_PASSWORD", "");
        newsletterEnv.put("CONSENT_SERVICE_URL", consent.url());
        newsletterEnv.put("NEWSLETTER_TOKEN_KEY", "fault-tests-only-newsletter-token-key-not-a-secret");
        newsletterEnv.put("NEWSLETTER_SUPPRESSION_KEY", "fault-tests-only-newsletter-suppression-key-not-a-secret");
        newsletterEnv.put("NEWSLETTER_THROTTLE_KEY", "fault-tests-only-newsletter-throttle-key-not-a-secret");
        newsletterEnv.put("QUARKUS_MAILER_MOCK", "true");
        newsletterEnv.put("NEWSLETTER_SENDING_EVERY", "off");
        newsletter = AppProcess.service("newsletter-service", 28095, newsletterEnv);
        consent.launch();
        newsletter.launch();
    }

    /** Device ids as browsers make them for the consent cookie (random UUIDs). */
    static List<String> visitors(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }

    /**
     * Writes through consent-service's public API: each write flips the visitor's newsletter-personalisation choice,
     * so each answered write is one state change, hence one {@code consent.changed.v1}; the id is the device id.
     * A visitor must not be written by two threads at once (Load gives each thread its own subjects).
     */
    Load.Target flippingChoices() {
        Map<String, Boolean> last = new ConcurrentHashMap<>();
        return (device, ignored) -> {
            boolean next = !last.getOrDefault(device, false);
            if (!choose(device, next)) {
                return null;
            }
            last.put(device, next);
            return device;
        };
    }

    /** A visitor's choice on newsletter-personalisation (PUT /api/consent/devices/{id}); true when answered 2xx. */
    boolean choose(String device, boolean granted) throws IOException, InterruptedException {
        String body = "{\"choices\": {\"" + PERSONALISATION + "\": " + granted + "}, \"method\": \"custom\","
                + " \"source\": \"banner\"}";
        HttpResponse<String> response = AppProcess.HTTP.send(HttpRequest.newBuilder(
                URI.create(consent.url() + "/api/consent/devices/" + device)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() / 100 == 2;
    }

    /** The events consent-service committed for these subjects: event id to subject, from its outbox. */
    Map<String, String> committedEvents(Collection<String> subjects) throws SQLException {
        Map<String, String> events = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(consentDb), TestDatabase.username(),
                TestDatabase.password()); PreparedStatement select = c.prepareStatement(
                        "SELECT event_id, message_key FROM event_outbox WHERE message_key = ? ORDER BY seq")) {
            for (String subject : subjects) {
                select.setString(1, subject);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        events.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return events;
    }

    /**
     * What newsletter-service holds for a visitor whose browsing it had collected with consent: an interest profile
     * and a browsing event (written here as its InterestProfiles writes them; the collection path itself needs a
     * confirmed subscription, which is not what this fault is about).
     */
    void seedProfile(String device) throws SQLException {
        try (Connection c = scratch.connect(newsletterDb)) {
            try (PreparedStatement event = c.prepareStatement("INSERT INTO browsing_event (subject_id, subject_type,"
                    + " topics, occurred_at) VALUES (?, 'DEVICE', 'recipes', NOW(6))")) {
                event.setString(1, device);
                event.executeUpdate();
            }
            try (PreparedStatement score = c.prepareStatement("INSERT INTO interest_score (subject_id, topic_key, score,"
                    + " updated_at) VALUES (?, 'recipes', 1, NOW(6))")) {
                score.setString(1, device);
                score.executeUpdate();
            }
        }
    }

    /** Interest scores and browsing events newsletter-service still holds for these visitors. */
    long personalisationRows(Collection<String> devices) throws SQLException {
        return countEach("SELECT COUNT(*) FROM interest_score WHERE subject_id = ?", devices)
                + countEach("SELECT COUNT(*) FROM browsing_event WHERE subject_id = ?", devices);
    }

    /** How many of these events newsletter-service's consent consumer has recorded in its inbox (applied). */
    long appliedByNewsletter(Collection<String> eventIds) throws SQLException {
        return countEach("SELECT COUNT(*) FROM event_inbox WHERE consumer = '" + NEWSLETTER_CONSUMER
                + "' AND event_id = ?", eventIds);
    }

    /** The sum of a count query in newsletter-service's database, run once for each value. */
    private long countEach(String sql, Collection<String> values) throws SQLException {
        long sum = 0;
        try (Connection c = scratch.connect(newsletterDb); PreparedStatement count = c.prepareStatement(sql)) {
            for (String value : values) {
                count.setString(1, value);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    sum += rs.getLong(1);
                }
            }
        }
        return sum;
    }

    /** newsletter-service's figures before the fault: the grants' event ids and its consumer's counters. */
    record Before(Set<String> grants, long applied, long duplicates, long retries) {
    }

    /**
     * Visitors grant personalisation through consent-service; newsletter-service holds a profile for each; returns
     * once it has applied the grants, so that what the fault meets are the withdrawals.
     */
    Before grantAndCollect(List<String> visitors, Duration catchUp) throws Exception {
        for (String visitor : visitors) {
            assertTrue(choose(visitor, true), "the grant is answered");
            seedProfile(visitor);
        }
        Set<String> grants = committedEvents(visitors).keySet();
        assertTrue(waitUntil(catchUp, () -> appliedByNewsletter(grants) == grants.size()), "grants applied");
        return new Before(grants, newsletterCount("applied"), newsletterCount("duplicate"), newsletterRetries());
    }

    /** After the fault: waits for the withdrawals to be applied, then counts what newsletter-service did. */
    Tally withdrawalsApplied(String scenario, String bootstrap, List<String> visitors, Before before, Duration catchUp)
            throws Exception {
        Set<String> withdrawals = new HashSet<>(committedEvents(visitors).keySet());
        withdrawals.removeAll(before.grants());
        waitUntil(catchUp, () -> appliedByNewsletter(withdrawals) == withdrawals.size()
                && personalisationRows(visitors) == 0);
        int applied = (int) appliedByNewsletter(withdrawals);
        long left = personalisationRows(visitors);
        long retries = newsletterRetries() - before.retries();
        int appliedTwice = (int) Math.max(0, newsletterCount("applied") - before.applied() - applied);
        Tally.OnTopic order = Tally.onTopic(bootstrap, "consent.events", Set.copyOf(visitors));
        assertEquals(0, left, "newsletter-service deleted the withdrawn visitors' profiles and browsing events");
        assertTrue(retries > 0, "the withdrawals met the dead database (transient failures retried: " + retries + ")");
        return new Tally(scenario, withdrawals.size(), applied, (int) (newsletterCount("duplicate") - before.duplicates()),
                withdrawals.size() - applied, appliedTwice, order.outOfOrder(), retries + " transient failures retried;"
                        + " profiles and browsing events of the " + visitors.size() + " visitors deleted (" + left
                        + " rows left)");
    }

    /**
     * After a broker outage: every event consent-service committed for the answered writes' visitors is on the topic
     * (by event id, from its outbox), each visitor's in order.
     */
    Tally arrivals(String scenario, String bootstrap, List<Load.Write> answered, Duration catchUp, String note)
            throws Exception {
        Set<String> visitors = answered.stream().map(Load.Write::eventId).collect(Collectors.toSet());
        Map<String, String> committed = committedEvents(visitors);
        Map<String, Long> eventsPerVisitor = committed.values().stream()
                .collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        // an answered write whose event is not in the outbox would be lost too
        long unrecorded = answered.stream().collect(Collectors.groupingBy(Load.Write::eventId, Collectors.counting()))
                .entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - eventsPerVisitor.getOrDefault(e.getKey(), 0L)))
                .sum();
        Tally.OnTopic[] topic = new Tally.OnTopic[1];
        waitUntil(catchUp, () -> {
            topic[0] = Tally.onTopic(bootstrap, "consent.events", visitors);
            return topic[0].ids().containsAll(committed.keySet());
        });
        int arrived = (int) committed.keySet().stream().filter(topic[0].ids()::contains).count();
        return new Tally(scenario, committed.size(), arrived, 0, (int) (committed.size() - arrived + unrecorded), 0,
                topic[0].outOfOrder(), note + "; counted on consent.events by the event ids in consent-service's outbox ("
                        + answered.size() + " writes answered, " + unrecorded + " without an event), "
                        + topic[0].secondCopies() + " second copies");
    }

    private long newsletterCount(String outcome) {
        return newsletter.metric("privacy_events_consumer_processed_total", consumerLabel(), "outcome=\"" + outcome + "\"");
    }

    private long newsletterRetries() {
        return newsletter.metric("privacy_events_consumer_retries_total", consumerLabel(), "kind=\"transient\"");
    }

    private static String consumerLabel() {
        return "consumer=\"" + NEWSLETTER_CONSUMER + "\"";
    }

    /** Polls {@code condition} until it holds or {@code timeout} is over; whether it held. */
    private static boolean waitUntil(Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Processes.sleep(500);
        }
        return true;
    }

    void stop() {
        consent.stop();
        newsletter.stop();
        TestDatabase.drop(consentDb);
    }
}
