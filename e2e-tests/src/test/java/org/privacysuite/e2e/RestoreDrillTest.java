package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.privacysuite.testsupport.TestDatabase;

/**
 * Issue 20, item 2: a restore drill on the running suite with the project's own scripts ({@code infra/db.sh dump},
 * {@code load}, {@code replay-journal-from}, what {@code ./suite backup|restore} run). Back up, erase a person
 * through the gateway to FULFILLED, restore the backup under stopped services, start them: the services replay the
 * erasure journal, so the person stays erased, another person's consent receipts are intact, and a request that was
 * open at backup time completes.
 *
 * <p>It restores the four service databases of the shared suite, i.e. rolls back everything since its own backup. It
 * runs last ({@code @Order}, junit-platform.properties orders classes by it), so no other journey's data is rolled
 * back and no journey meets restarting services; the backup holds every earlier journey's data unchanged.
 */
@Order(Integer.MAX_VALUE)
class RestoreDrillTest extends Journey {

    private static final String PURPOSE = "app-usage-data";
    private final Mails mails = new Mails(suite.mail());

    @Test
    void restoredBackupKeepsTheErasedPersonErasedAndOpenRequestsResume(@TempDir Path work) throws Exception {
        Person erased = signUp(Map.of("displayName", "Eve"));
        consentTo(erased);
        Person other = signUp(Map.of("displayName", "Olga"));
        consentTo(other);
        List<Object> receipts = receiptsOf(other);
        Person waiting = signUp(Map.of());

        Path backup = work.resolve("backup");
        String open;
        suite.stop("newsletter-service"); // the open request waits for its answer
        try {
            open = verifiedRequest(waiting, "ACCESS", 1);
            assertEquals("IN_PROGRESS", statusOf(open));
            db("dump", backup.toString());
        } finally {
            suite.restart("newsletter-service");
        }

        String erasure = verifiedRequest(erased, "ERASURE", 1);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertEquals("FULFILLED", statusOf(erasure)));
        assertErased(erased);

        SuiteUnderTest.SERVICES.forEach(suite::stop);
        String taken = db("load", backup.toString()).strip();
        for (String service : SuiteUnderTest.SERVICES) {
            db("replay-journal-from", suite.database(service), taken);
        }
        suite.restart(SuiteUnderTest.SERVICES);

        assertErased(erased);
        assertEquals(true, allowed(other), "the other person's decision is back");
        assertEquals(receipts, receiptsOf(other), "the other person's consent receipts are intact");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertEquals("FULFILLED", statusOf(open), "the open request resumed"));
    }

    private void consentTo(Person person) {
        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of(PURPOSE, true), "method", "custom"))
                .auth().oauth2(person.token()).when().put("/api/consent/me").then().statusCode(200);
        assertEquals(true, allowed(person));
    }

    private boolean allowed(Person person) {
        return as(serviceToken()).queryParam("subject", person.id()).queryParam("purpose", PURPOSE)
                .when().get("/api/consent/check").then().statusCode(200).extract().path("allowed");
    }

    private List<Object> receiptsOf(Person person) {
        return as(person.token()).when().get("/api/consent/me/receipts").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** Every service: no consent decision, no account (a restore without the replay brings both back). */
    private void assertErased(Person person) {
        as(serviceToken()).queryParam("subject", person.id()).queryParam("purpose", PURPOSE)
                .when().get("/api/consent/check").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("no-decision"));
        as(serviceToken()).when().get("/api/accounts/" + person.id() + "/holds").then().statusCode(404);
    }

    /** A request of the person's, verified with the code of the {@code mailNumber}th mail sent to them. */
    private String verifiedRequest(Person person, String type, int mailNumber) {
        String id = as(person.token()).contentType("application/json")
                .body(Map.of("type", type, "jurisdiction", "GDPR"))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
        String code = Mails.find(Mails.body(mails.awaitMail(person.email(), mailNumber)), "code is (\\d{6})");
        gateway().contentType("application/json").body(Map.of("code", code))
                .when().post("/api/privacy-requests/" + id + "/verify").then().statusCode(200);
        return id;
    }

    private String statusOf(String requestId) {
        return as(officerToken()).when().get("/api/privacy-requests/" + requestId).then().statusCode(200)
                .extract().path("status");
    }

    /** Runs {@code infra/db.sh} on the suite's databases; returns its standard output. */
    private String db(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash",
                SuiteUnderTest.repositoryRoot().resolve("infra/db.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DB_DATABASES",
                String.join(" ", SuiteUnderTest.SERVICES.stream().map(suite::database).toList()));
        builder.environment().put("DB_ROOT_USER", TestDatabase.username());
        builder.environment().put("DB_ROOT_PASSWORD", TestDatabase.password());
        Path errors = Files.createTempFile("db-sh", ".log");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("infra/db.sh " + String.join(" ", args) + " failed:\n"
                    + Files.readString(errors));
        }
        Files.delete(errors);
        return out;
    }
}
