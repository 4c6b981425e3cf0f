package org.privacysuite.console.api;

import io.quarkus.arc.Arc;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Sends every API call as the signed-in officer: their access token from the server-side session, never a token of
 * the console's own. The services authorise the officer themselves, so the console can show or do nothing the
 * officer could not do with curl.
 */
public class OfficerTokenFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        // looked up per call: the filter is shared by all requests, the identity belongs to the current one
        SecurityIdentity identity = Arc.container().instance(SecurityIdentity.class).get();
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            throw new IllegalStateException("No signed-in officer for an API call");
        }
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
    }
}
