package org.privacysuite.dsar.identity;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * consent-service's record of which devices signed in to an account, with the suite's service token. Base URL:
 * {@code quarkus.rest-client.consent-service.url}.
 */
@RegisterRestClient(configKey = "consent-service")
@OidcClientFilter
@Path("/api/consent/subjects")
public interface LinkedDevicesApi {

    record Devices(String subject, List<String> devices) {
    }

    @GET
    @Path("/{subjectId}/devices")
    @Produces(MediaType.APPLICATION_JSON)
    Devices devicesOf(@PathParam("subjectId") String subjectId);
}
