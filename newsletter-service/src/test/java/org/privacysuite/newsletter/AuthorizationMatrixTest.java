package org.privacysuite.newsletter;

import static org.privacysuite.testsupport.authz.AuthorizationMatrix.notOwned;
import static org.privacysuite.testsupport.authz.Caller.ANYONE;
import static org.privacysuite.testsupport.authz.Caller.MARKETING;
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
 * Every endpoint of newsletter-service against its rule, for every kind of caller (issue 21, build 6). A person's
 * own data is reached only through {@code /me} (the token's subject and verified e-mail), so no endpoint takes the
 * id of a person's object; issues and topics belong to the organisation.
 */
@QuarkusTest
class AuthorizationMatrixTest extends NewsletterTestBase {

    /** The officer's realm token also carries the user role. */
    private static final Set<Caller> SIGNED_IN = only(USER_A, USER_B, OFFICER);
    private static final Set<Caller> EDITORS = only(MARKETING, OFFICER);

    @Inject
    AllowedMethods resourceMethods;

    @Test
    void everyEndpointFollowsItsRule() {
        Map<Caller, String> tokens = AuthorizationMatrix.testTokens(TestTokens.user(UUID.randomUUID().toString()));
        Map<String, Supplier<String>> samples = Map.of(
                "id", () -> UUID.randomUUID().toString(),
                "key", () -> "recipes");
        String issue = "an issue belongs to the organisation, not to a person; only editors reach it";
        String topic = "a topic key of the public catalogue";
        String offer = "an offer belongs to the organisation's catalogue; only editors write it";

        new AuthorizationMatrix(tokens, samples)
                .allow("POST /api/newsletter/subscriptions", ANYONE)
                .allow("GET /api/newsletter/subscriptions/confirm", ANYONE)
                .allow("POST /api/newsletter/subscriptions/confirm", ANYONE)
                .allow("GET /api/newsletter/unsubscribe", ANYONE)
                .allow("POST /api/newsletter/unsubscribe", ANYONE)
                .allow("POST /api/newsletter/browsing-events", ANYONE)
                .allow("GET /api/newsletter/me", SIGNED_IN)
                .allow("PUT /api/newsletter/me", SIGNED_IN)
                .allow("GET /api/newsletter/topics", ANYONE)
                .allow("PUT /api/newsletter/topics/{key}", EDITORS, notOwned(topic))
                .allow("POST /api/newsletter/issues", EDITORS)
                .allow("GET /api/newsletter/issues", EDITORS)
                .allow("GET /api/newsletter/issues/{id}", EDITORS, notOwned(issue))
                .allow("POST /api/newsletter/issues/{id}/send", EDITORS, notOwned(issue))
                // a device's profile is reached with the device id its browser holds (the suite's device proof), or
                // the signed-in account's own with the token; never another account's
                .allow("GET /api/offers", ANYONE)
                .allow("POST /api/offers/page-views", ANYONE)
                .allow("GET /api/offers/interests", ANYONE)
                .allow("DELETE /api/offers/interests", ANYONE)
                .allow("GET /api/offers/catalogue", EDITORS)
                .allow("PUT /api/offers/catalogue/{key}", EDITORS, notOwned(offer))
                .allow("DELETE /api/offers/catalogue/{key}", EDITORS, notOwned(offer))
                .verify(resourceMethods.endpoints());
    }
}
