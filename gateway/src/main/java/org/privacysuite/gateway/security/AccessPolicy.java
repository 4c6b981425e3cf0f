package org.privacysuite.gateway.security;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which requests need a token at the gateway (architecture contract, public API). Everything not listed here is
 * {@link Access#PROTECTED}. The services authorise every request again; this only keeps anonymous traffic for
 * protected resources from reaching them.
 */
public final class AccessPolicy {

    public enum Access {
        /** A valid bearer token from the realm is required. */
        PROTECTED,
        /** No token needed; a token that is sent must still be valid. */
        PUBLIC,
        /**
         * The gateway does not look at credentials: Data Rights Protocol agents send their own bearer tokens and
         * signed requests, which only dsar-service can check; realm validation would refuse every one of them. The
         * officers' console holds its own sessions.
         */
        UPSTREAM
    }

    private record Rule(Access access, Set<HttpMethod> methods, Pattern path) {

        boolean matches(HttpMethod method, String path) {
            return (methods.isEmpty() || methods.contains(method)) && this.path.matcher(path).matches();
        }
    }

    private static final Set<HttpMethod> ANY_METHOD = Set.of();

    private static final List<Rule> RULES = List.of(
            rule(Access.UPSTREAM, ANY_METHOD, "/v1(/.*)?"),
            // the officers' console signs its users in itself (code flow, session cookie): no bearer tokens here
            rule(Access.UPSTREAM, ANY_METHOD, "/console(/.*)?"),
            rule(Access.PUBLIC, Set.of(GET), "/\\.well-known/gpc\\.json"),
            rule(Access.PUBLIC, Set.of(GET), "/api/consent/purposes"),
            rule(Access.PUBLIC, Set.of(GET), "/api/consent/purposes/[^/]+/notices"),
            rule(Access.PUBLIC, Set.of(GET, PUT), "/api/consent/devices/[^/]+"),
            rule(Access.PUBLIC, Set.of(POST), "/api/accounts"),
            rule(Access.PUBLIC, Set.of(GET), "/api/accounts/[^/]+/public"),
            rule(Access.PUBLIC, Set.of(POST), "/api/newsletter/subscriptions"),
            // the confirmation mail links to a page (GET) whose button posts the token
            rule(Access.PUBLIC, Set.of(GET, POST), "/api/newsletter/subscriptions/confirm"),
            rule(Access.PUBLIC, Set.of(GET), "/api/newsletter/topics"),
            rule(Access.PUBLIC, Set.of(GET, POST), "/api/newsletter/unsubscribe"),
            // devices report page topics without a login
            rule(Access.PUBLIC, Set.of(POST), "/api/newsletter/browsing-events"),
            // offers for anyone; a device's profile is read and deleted with its device id (newsletter-service checks
            // it, or the signed-in user's token); the catalogue (/api/offers/catalogue) stays protected
            rule(Access.PUBLIC, Set.of(GET), "/api/offers"),
            rule(Access.PUBLIC, Set.of(POST), "/api/offers/page-views"),
            rule(Access.PUBLIC, Set.of(GET, DELETE), "/api/offers/interests"),
            rule(Access.PUBLIC, Set.of(POST), "/api/privacy-requests"),
            rule(Access.PUBLIC, Set.of(POST), "/api/privacy-requests/[^/]+/verify"),
            // a cookie-only visitor reads its own request with its device id (X-Device-Id); dsar-service checks it,
            // or the owner's or an officer's token
            rule(Access.PUBLIC, Set.of(GET), "/api/privacy-requests/[^/]+"),
            // requesters without an account download their export with the link mailed to them; dsar-service
            // checks the link's token, or the signed-in owner's token
            rule(Access.PUBLIC, Set.of(GET), "/api/privacy-requests/[^/]+/export"));

    private AccessPolicy() {
    }

    /** @param normalizedPath the path with dot segments and duplicate slashes resolved, as it is forwarded */
    public static Access of(HttpMethod method, String normalizedPath) {
        for (Rule rule : RULES) {
            if (rule.matches(method, normalizedPath)) {
                return rule.access();
            }
        }
        return Access.PROTECTED;
    }

    private static Rule rule(Access access, Set<HttpMethod> methods, String pathRegex) {
        return new Rule(access, methods, Pattern.compile(pathRegex));
    }
}
