package org.privacysuite.commons.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** A protected endpoint for the token cache's tests: who the token says the caller is, and for which request. */
@Path("/probe/whoami")
public class TokenProbeResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    RoutingContext request;

    @GET
    @RolesAllowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> whoami() {
        // where quarkus-oidc puts it, and where Quarkus HTTP security does: both must be this request
        RoutingContext oidcRequest = identity.getAttribute(RoutingContext.class.getName());
        RoutingContext identityRequest = HttpSecurityUtils.getRoutingContextAttribute(identity);
        if (oidcRequest != null && oidcRequest != identityRequest) {
            identityRequest = oidcRequest; // the probe reports the one that disagrees
        }
        String identityProbe = identityRequest == null ? "none" : String.valueOf(identityRequest.request().getHeader("X-Probe"));
        return Map.of("subject", identity.getPrincipal().getName(), "roles", identity.getRoles(),
                "identityProbe", identityProbe, "probe", String.valueOf(request.request().getHeader("X-Probe")));
    }
}
