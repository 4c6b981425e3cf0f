package org.privacysuite.consentclient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * consent-service's decision endpoint, called with this service's own token (client credentials of the
 * {@code privacy-services} client, role {@code service}). Base URL: {@code quarkus.rest-client.consent-service.url}.
 */
@RegisterRestClient(configKey = "consent-service")
@OidcClientFilter
@Path("/api/consent/check")
public interface ConsentCheckApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    ConsentDecision check(@QueryParam("subject") String subject, @QueryParam("purpose") String purpose);
}
