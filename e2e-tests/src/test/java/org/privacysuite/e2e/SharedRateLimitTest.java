package org.privacysuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.KeycloakServer;
import org.privacysuite.testsupport.ServiceProcess;
import org.privacysuite.testsupport.TestDatabase;

/**
 * Two replicas of the packaged gateway (two processes, ports 28080 and 28081) in front of the suite, sharing their
 * rate limits through one gateway database: a client alternating between them gets the configured burst once, and
 * both replicas then refuse it with 429.
 */
class SharedRateLimitTest extends Journey {

    private static final int BURST = 6;
    private String database;
    private List<ServiceProcess> replicas = List.of();

    @Test
    void theLimitHoldsForThePairOfReplicas() {
        database = TestDatabase.create("e2egateway");
        Map<String, String> env = new HashMap<>();
        env.put("OIDC_AUTH_SERVER_URL", KeycloakServer.ensureRunning() + "/realms/" + KeycloakServer.REALM);
        for (String service : SuiteUnderTest.SERVICES) {
            env.put(service.replace("-service", "").toUpperCase() + "_SERVICE_URL", suite.url(service));
        }
        env.put("GATEWAY_RATE_LIMIT_SHARED", "true");
        env.put("DB_URL", TestDatabase.jdbcUrl(database));
        env.put("DB_USERNAME", TestDatabase.username());
        env.put("DB_PASSWORD", TestDatabase.password());
        env.put("GATEWAY_RATE_LIMIT_PER_IP_BURST", Integer.toString(BURST));
        env.put("GATEWAY_RATE_LIMIT_PER_IP_REQUESTS_PER_SECOND", "0.001"); // nothing refills during the test
        Path repository = SuiteUnderTest.repositoryRoot();
        replicas = List.of(ServiceProcess.packaged("gateway", repository, SuiteUnderTest.logDir(), 28080, env),
                ServiceProcess.packaged("gateway", repository, SuiteUnderTest.logDir(), 28081, env));
        replicas.forEach(ServiceProcess::start);
        replicas.forEach(r -> r.awaitReady(Duration.ofSeconds(120)));

        int admitted = 0;
        int refused = 0;
        for (int i = 0; i < 2 * BURST; i++) {
            int status = given().baseUri(replicas.get(i % 2).url()).when().get("/api/consent/purposes").statusCode();
            if (status == 200) {
                admitted++;
            } else if (status == 429) {
                refused++;
            }
        }
        assertEquals(BURST, admitted, "the pair admits the burst once, not once per replica");
        assertEquals(BURST, refused, "then both replicas refuse");
        for (ServiceProcess replica : replicas) {
            given().baseUri(replica.url()).when().get("/api/consent/purposes").then().statusCode(429)
                    .contentType("application/problem+json");
        }
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(ServiceProcess::stop);
        if (database != null) {
            TestDatabase.drop(database);
        }
    }
}
