package org.privacysuite.dsar;

import static org.privacysuite.testsupport.authz.AuthorizationMatrix.notOwned;
import static org.privacysuite.testsupport.authz.AuthorizationMatrix.ownedByA;
import static org.privacysuite.testsupport.authz.Caller.ANYONE;
import static org.privacysuite.testsupport.authz.Caller.NO_REALM_CALLER;
import static org.privacysuite.testsupport.authz.Caller.OFFICER;
import static org.privacysuite.testsupport.authz.Caller.USER_A;
import static org.privacysuite.testsupport.authz.Caller.USER_B;
import static org.privacysuite.testsupport.authz.Caller.only;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.privacysuite.commons.problem.AllowedMethods;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.authz.AuthorizationMatrix;
import org.privacysuite.testsupport.authz.Caller;

/**
 * Every endpoint of dsar-service against its rule, for every kind of caller (issue 21, build 6): the endpoints of
 * main when the matrix was written; a new endpoint fails here until it has a rule.
 */
@QuarkusTest
class AuthorizationMatrixTest extends DsarTestBase {

    /** The officer's realm token also carries the user role. */
    private static final Set<Caller> SIGNED_IN = only(USER_A, USER_B, OFFICER);
    private static final String USER_A_TOKEN = TestTokens.user(UUID.randomUUID().toString());

    @Inject
    AllowedMethods resourceMethods;

    /** A privacy request user A made, signed in (an access request: it has an export, once fulfilled). */
    private static Map<String, String> requestOfA() {
        String id = submit(USER_A_TOKEN, Map.of("type", "ACCESS", "jurisdiction", "GDPR",
                "message", "What do you keep about me?")).extract().path("id");
        return Map.of("id", id);
    }

    @Test
    void everyEndpointFollowsItsRule() {
        Map<Caller, String> tokens = AuthorizationMatrix.testTokens(USER_A_TOKEN);
        Map<String, Supplier<String>> samples = Map.of(
                "id", () -> UUID.randomUUID().toString(),
                "requestId", () -> UUID.randomUUID().toString(),
                "agentId", () -> "agent-" + UUID.randomUUID().toString().substring(0, 8),
                "service", () -> "retired-by-the-matrix-" + UUID.randomUUID().toString().substring(0, 8));
        String officers = "officers act on any request; no person reaches it";
        String drp = "Data Rights Protocol: agents authenticate with their own signed tokens (docs/drp.md)";

        new AuthorizationMatrix(tokens, samples)
                .allow("POST /api/privacy-requests", ANYONE)
                .allow("GET /api/privacy-requests", SIGNED_IN)
                .allow("GET /api/privacy-requests/summary", only(OFFICER))
                .allow("GET /api/privacy/participants", only(OFFICER))
                .allow("POST /api/privacy/participants/{service}/retire", only(OFFICER), notOwned(officers))
                .allow("GET /api/privacy-requests/{id}", SIGNED_IN, ownedByA(AuthorizationMatrixTest::requestOfA))
                .allow("GET /api/privacy-requests/{id}/export", SIGNED_IN, ownedByA(AuthorizationMatrixTest::requestOfA))
                .allow("POST /api/privacy-requests/{id}/verify", ANYONE,
                        notOwned("the mailed code is the proof: without it nothing happens (verification tests)"))
                .allow("GET /api/privacy-requests/{id}/audit", only(OFFICER), notOwned(officers))
                .allow("GET /api/privacy-requests/{id}/audit/verify", only(OFFICER), notOwned(officers))
                .allow("GET /api/privacy/record-of-processing", only(OFFICER))
                .allow("POST /api/privacy-requests/{id}/approve", only(OFFICER), notOwned(officers))
                .allow("POST /api/privacy-requests/{id}/deny", only(OFFICER), notOwned(officers))
                .allow("POST /api/privacy-requests/{id}/extend", only(OFFICER), notOwned(officers))
                .allow("POST /api/privacy-requests/{id}/reply", only(OFFICER), notOwned(officers))
                .allow("POST /api/privacy-requests/{id}/close", only(OFFICER), notOwned(officers))
                .allow("POST /api/privacy-requests/{id}/participants/{service}/reask", only(OFFICER),
                        notOwned(officers))
                .allow("GET /api/privacy-requests/{id}/drp", only(OFFICER), notOwned(officers))
                .allow("GET /api/privacy-requests/agents", only(OFFICER))
                .allow("PUT /api/privacy-requests/agents/{agentId}", only(OFFICER), notOwned(officers))
                .allow("DELETE /api/privacy-requests/agents/{agentId}", only(OFFICER), notOwned(officers))
                .allow("POST /v1/agent/{agentId}", NO_REALM_CALLER, notOwned(drp))
                .allow("GET /v1/agent/{agentId}", NO_REALM_CALLER, notOwned(drp))
                .allow("POST /v1/data-rights-request", NO_REALM_CALLER)
                .allow("GET /v1/data-rights-request/{requestId}", NO_REALM_CALLER, notOwned(drp))
                .allow("DELETE /v1/data-rights-request/{requestId}", NO_REALM_CALLER, notOwned(drp))
                .verify(resourceMethods.endpoints());
    }
}
