package org.privacysuite.newsletter.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.newsletter.service.Caller;
import org.privacysuite.newsletter.service.EmailAddresses;

/**
 * The signed-in user behind a request, on endpoints that also serve anonymous visitors. A token that is sent must be
 * valid (an invalid one is a 401, never silently anonymous).
 */
@ApplicationScoped
public class Callers {

    @Inject
    SecurityIdentity identity;

    @Inject
    EmailAddresses addresses;

    public Optional<Caller> current() {
        if (identity.isAnonymous() || !identity.hasRole(Roles.USER)) {
            return Optional.empty();
        }
        return Optional.of(required());
    }

    /** The caller of an endpoint that requires the user role. */
    public Caller required() {
        Optional<String> verifiedEmail = Optional.empty();
        if (identity.getPrincipal() instanceof JsonWebToken jwt && "true".equals(text(jwt.getClaim("email_verified")))) {
            verifiedEmail = Optional.ofNullable(text(jwt.getClaim("email"))).flatMap(addresses::keyOf);
        }
        return new Caller(identity.getPrincipal().getName(), verifiedEmail);
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof jakarta.json.JsonString json) {
            return json.getString();
        }
        return claim.toString();
    }
}
