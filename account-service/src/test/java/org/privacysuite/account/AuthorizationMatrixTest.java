package org.privacysuite.account;

import static org.privacysuite.testsupport.authz.AuthorizationMatrix.notOwned;
import static org.privacysuite.testsupport.authz.Caller.ANYONE;
import static org.privacysuite.testsupport.authz.Caller.MARKETING;
import static org.privacysuite.testsupport.authz.Caller.OFFICER;
import static org.privacysuite.testsupport.authz.Caller.SERVICE;
import static org.privacysuite.testsupport.authz.Caller.USER_A;
import static org.privacysuite.testsupport.authz.Caller.USER_B;
import static org.privacysuite.testsupport.authz.Caller.only;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.RoleScopeResource;
import org.privacysuite.commons.problem.AllowedMethods;
import org.privacysuite.testsupport.KeycloakServer;
import org.privacysuite.testsupport.authz.AuthorizationMatrix;
import org.privacysuite.testsupport.authz.Caller;

/**
 * Every endpoint of account-service against its rule, for every kind of caller, with real Keycloak tokens (issue 21,
 * build 6). Every caller is a fresh user of the test (the matrix closes accounts: never the realm's demo users).
 * A person's own data is reached only through {@code /me}; the ids in paths are a public username or an account
 * that only the service role names.
 */
@QuarkusTest
class AuthorizationMatrixTest extends AccountTestBase {

    /** The officer is a person with an account too (role user besides privacy-officer), as in the realm. */
    private static final Set<Caller> SIGNED_IN = only(USER_A, USER_B, OFFICER);

    @Inject
    AllowedMethods resourceMethods;

    /** A fresh user whose realm roles are {@code add} instead of (or, with keepUser, besides) the default ones. */
    private static String tokenWithRoles(boolean keepUser, String... add) {
        User user = newUser();
        RealmResource realm = Arc.container().instance(Keycloak.class).get().realm(KeycloakServer.REALM);
        RoleScopeResource roles = realm.users().get(user.id()).roles().realmLevel();
        // (the service account may map roles to users but not read the realm's role list: take them from here)
        roles.add(roles.listAvailable().stream().filter(r -> List.of(add).contains(r.getName())).toList());
        if (!keepUser) {
            roles.remove(roles.listAll().stream().filter(r -> !List.of(add).contains(r.getName())).toList());
        }
        List<String> granted = roles.listAll().stream().map(r -> r.getName()).toList();
        org.junit.jupiter.api.Assertions.assertTrue(granted.containsAll(List.of(add)), "roles granted: " + granted);
        return user.token();
    }

    @Test
    void everyEndpointFollowsItsRule() {
        Map<Caller, String> tokens = Map.of(
                USER_A, newUser().token(),
                USER_B, newUser().token(),
                OFFICER, tokenWithRoles(true, "privacy-officer"),
                SERVICE, serviceToken(),
                MARKETING, tokenWithRoles(false, "marketing"));
        Map<String, Supplier<String>> samples = Map.of(
                "accountId", () -> UUID.randomUUID().toString(),
                "holdId", () -> UUID.randomUUID().toString(),
                "username", () -> unique("nobody"));
        String publicProfile = "a username's public profile: only the fields its owner chose to share";
        String systems = "the service role (an order system) names the account; no person reaches holds";

        new AuthorizationMatrix(tokens, samples)
                .allow("POST /api/accounts", ANYONE)
                .allow("GET /api/accounts/me", SIGNED_IN)
                .allow("PATCH /api/accounts/me", SIGNED_IN)
                .allow("GET /api/accounts/{username}/public", ANYONE, notOwned(publicProfile))
                .allow("GET /api/accounts/me/app-usage", SIGNED_IN)
                .allow("POST /api/accounts/me/app-usage", SIGNED_IN)
                .allow("POST /api/accounts/me/closure", SIGNED_IN)
                .allow("DELETE /api/accounts/me/closure", SIGNED_IN)
                .allow("GET /api/accounts/{accountId}/holds", only(SERVICE), notOwned(systems))
                .allow("POST /api/accounts/{accountId}/holds", only(SERVICE), notOwned(systems))
                .allow("DELETE /api/accounts/{accountId}/holds/{holdId}", only(SERVICE), notOwned(systems))
                .allow("POST /api/accounts/identities", only(SERVICE))
                .verify(resourceMethods.endpoints());
    }
}
