package org.privacysuite.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.KeycloakServer;
import org.privacysuite.testsupport.ServiceProcess;
import org.privacysuite.testsupport.TestDatabase;

/**
 * The whole suite as its users run it: the packaged services as separate processes on free ports, each with a
 * fresh database, against a real Kafka broker, the real Keycloak with the project's realm, and an SMTP server
 * (GreenMail) that receives every mail they send. Started once per test JVM and stopped when it exits.
 */
final class SuiteUnderTest {

    static final List<String> SERVICES = List.of("consent-service", "account-service", "dsar-service",
            "newsletter-service");
    private static SuiteUnderTest instance;
    private static RuntimeException startFailure;

    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final String kafka;
    private final GreenMail mail;
    private final OtlpSink otlp = new OtlpSink();

    private SuiteUnderTest() {
        Path repository = repositoryRoot();
        Path logDir = logDir();
        kafka = KafkaBroker.ensureRunning(KafkaBroker.testBootstrapServers());
        String keycloak = KeycloakServer.ensureRunning();
        int smtpPort = freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        // Own consumer groups: the broker may be shared with other test runs.
        common.put("PRIVACY_EVENTS_CONSUMER_GROUP_ID_PREFIX", "e2e-" + UUID.randomUUID() + ".");
        common.put("OIDC_AUTH_SERVER_URL", keycloak + "/realms/" + KeycloakServer.REALM);
        common.put("KEYCLOAK_URL", keycloak);
        common.put("SERVICE_CLIENT_SECRET", "local-services-secret");
        common.put("KEYCLOAK_ADMIN_CLIENT_SECRET", "local-account-secret");
        common.put("DSAR_EXPORT_KEY", "e2e-only-dsar-export-key-change-me");
        common.put("NEWSLETTER_SUPPRESSION_KEY", "e2e-only-newsletter-suppression-key-not-a-secret");
        common.put("PRIVACY_EVENTS_JOURNAL_KEY", "e2e-only-erasure-journal-key-not-a-secret");
        common.put("NEWSLETTER_TOKEN_KEY", "e2e-only-newsletter-token-key-not-a-secret");
        common.put("NEWSLETTER_THROTTLE_KEY", "e2e-only-newsletter-throttle-key-not-a-secret");
        // Tracing on (it is off by default), exported to the stand-in collector (docs/operations.md, Tracing).
        common.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        common.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint());
        common.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        common.put("QUARKUS_MAILER_MOCK", "false");
        common.put("SMTP_HOST", "127.0.0.1");
        common.put("SMTP_PORT", Integer.toString(smtpPort));
        // Seven services start at once on two cores and live a few minutes: the C1 compiler alone starts them sooner,
        // and no journey measures their speed (fault-tests, which does, keeps the usual JIT).
        common.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
        common.put("DB_USERNAME", TestDatabase.username());
        common.put("DB_PASSWORD", TestDatabase.password());
        // Time-based promises shortened so that the journeys can watch them happen.
        common.put("DSAR_JOBS_EVERY", "1s");
        common.put("DSAR_QUESTIONS_ANONYMISE_AFTER", "PT3S");
        common.put("DSAR_SAGA_ANSWER_TIMEOUT", "PT5S");
        common.put("DSAR_SAGA_MAX_ASKS", "2");
        common.put("DSAR_DRP_CALLBACKS_EVERY", "1s");
        common.put("DSAR_MAIL_FIRST_RETRY", "PT2S"); // a mail the relay refused is retried within a journey's wait
        // Every journey comes from 127.0.0.1 through the gateway: one client address for the whole run.
        common.put("DSAR_THROTTLE_REQUESTS_PER_CLIENT", "1000");
        common.put("NEWSLETTER_SIGN_UPS_REQUESTS_PER_CLIENT", "1000");

        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : SERVICES) {
            ports.put(service, freePort());
        }
        ports.put("officer-console", freePort());
        ports.put("gateway", freePort());
        common.put("CONSENT_SERVICE_URL", "http://127.0.0.1:" + ports.get("consent-service"));
        common.put("ACCOUNT_SERVICE_URL", "http://127.0.0.1:" + ports.get("account-service"));
        common.put("DSAR_SERVICE_URL", "http://127.0.0.1:" + ports.get("dsar-service"));
        common.put("NEWSLETTER_SERVICE_URL", "http://127.0.0.1:" + ports.get("newsletter-service"));
        common.put("NEWSLETTER_PUBLIC_BASE_URL", "http://127.0.0.1:" + ports.get("gateway"));
        common.put("DSAR_PUBLIC_BASE_URL", "http://127.0.0.1:" + ports.get("gateway"));
        common.put("OFFICER_CONSOLE_URL", "http://127.0.0.1:" + ports.get("officer-console"));

        for (String service : SERVICES) {
            String database = TestDatabase.create("e2e" + service.replace("-service", ""));
            databases.put(service, database);
            Map<String, String> env = new HashMap<>(common);
            env.put("DB_URL", TestDatabase.jdbcUrl(database));
            processes.put(service, ServiceProcess.packaged(service, repository, logDir, ports.get(service), env));
        }
        processes.put("officer-console", ServiceProcess.packaged("officer-console", repository, logDir,
                ports.get("officer-console"), consoleEnvironment(common, keycloak)));
        processes.put("gateway", ServiceProcess.packaged("gateway", repository, logDir, ports.get("gateway"), common));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
        try {
            processes.values().forEach(ServiceProcess::start);
            processes.values().forEach(p -> p.awaitReady(Duration.ofSeconds(120)));
            awaitDeclaredParticipants(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            stopAll(); // no service of a failed start may outlive it
            throw e;
        }
    }

    /**
     * Journeys start once dsar-service knows the participants: each service declares itself on privacy.participants
     * at start, and a request made before the declarations arrive would stall with nobody to ask.
     */
    private void awaitDeclaredParticipants(Duration timeout) {
        String token = KeycloakServer.passwordToken("olivia", "olivia-pass");
        List<String> participants = List.of("account-service", "consent-service", "newsletter-service");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> declared = List.of();
        while (System.nanoTime() < deadline) {
            declared = RestAssured.given().baseUri(url("dsar-service")).auth().oauth2(token)
                    .get("/api/privacy/participants").then().extract().jsonPath().getList("findAll { it.active }.service");
            if (declared != null && declared.containsAll(participants)) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("dsar-service knows participants " + declared + ", expected " + participants);
    }

    /** The console's own client of the realm and throwaway keys of this run (no database: it owns no data). */
    private static Map<String, String> consoleEnvironment(Map<String, String> common, String keycloak) {
        Map<String, String> env = new HashMap<>(common);
        env.put("CONSOLE_CLIENT_SECRET", "local-console-secret");
        env.put("CONSOLE_STATE_SECRET", "e2e-only-console-state-secret-" + UUID.randomUUID());
        env.put("CONSOLE_CSRF_KEY", "e2e-only-console-csrf-key-" + UUID.randomUUID());
        env.put("KEYCLOAK_PUBLIC_URL", keycloak);
        return env;
    }

    static synchronized SuiteUnderTest get() {
        if (startFailure != null) {
            throw new IllegalStateException("The suite failed to start for an earlier journey", startFailure);
        }
        if (instance == null) {
            try {
                instance = new SuiteUnderTest();
            } catch (RuntimeException e) {
                startFailure = e; // every later journey fails at once instead of starting another suite
                throw e;
            }
        }
        return instance;
    }

    String gateway() {
        return processes.get("gateway").url();
    }

    /** The base URL of one process: a service or the gateway. */
    String url(String process) {
        return processes.get(process).url();
    }

    String kafka() {
        return kafka;
    }

    GreenMail mail() {
        return mail;
    }

    /** What the processes exported over OTLP. */
    OtlpSink otlp() {
        return otlp;
    }

    /** The name of a service's database on the shared server. */
    String database(String service) {
        return databases.get(service);
    }

    /** Stops one service, as an outage would. */
    void stop(String service) {
        processes.get(service).stop();
    }

    /** Kills one service with SIGKILL, as a crash would. */
    void kill(String service) {
        processes.get(service).kill9();
    }

    /** Starts a stopped service again and waits until it is ready. */
    void restart(String service) {
        restart(List.of(service));
    }

    /** Starts stopped services again, all at once, and waits until each is ready. */
    void restart(List<String> services) {
        services.forEach(service -> processes.get(service).start());
        services.forEach(service -> processes.get(service).awaitReady(Duration.ofSeconds(120)));
    }

    private void stopAll() {
        processes.values().forEach(ServiceProcess::stop);
        mail.stop();
        otlp.stop();
        databases.values().forEach(TestDatabase::drop);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repositoryRoot() {
        return ServiceProcess.repositoryRoot();
    }

    /** Where the processes of the journeys write their logs. */
    static Path logDir() {
        return repositoryRoot().resolve("e2e-tests/target/e2e-logs");
    }
}
