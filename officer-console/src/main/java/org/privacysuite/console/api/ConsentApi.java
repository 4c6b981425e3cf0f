package org.privacysuite.console.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** consent-service's purpose catalogue (its README): read by anyone, changed by officers. */
@Path("/api/consent/purposes")
@RegisterRestClient(configKey = "consent")
@RegisterProvider(OfficerTokenFilter.class)
@Produces(MediaType.APPLICATION_JSON)
public interface ConsentApi {

    @GET
    List<Purpose> purposes();

    @GET
    @Path("/{key}/notices")
    List<Notice> notices(@PathParam("key") String key);

    @PUT
    @Path("/{key}")
    Purpose put(@PathParam("key") String key, PurposeUpdate update);

    record Purpose(String key, String title, String description, String legalBasis, int noticeVersion,
            boolean gpcGoverned, boolean required, String purposeCategory, List<String> piiCategories,
            String termination, boolean thirdPartyDisclosure, int reconsentFromVersion, boolean directMarketing) {
    }

    record Notice(int version, String title, String description, String legalBasis, boolean materialChange,
            Instant publishedAt) {
    }

    /** consent-service's PurposeUpdate; the fields the console does not edit are sent back as they were. */
    record PurposeUpdate(String title, String description, String legalBasis, Boolean gpcGoverned, Boolean required,
            Boolean materialChange, String purposeCategory, List<String> piiCategories, String termination,
            Boolean thirdPartyDisclosure, Boolean directMarketing) {
    }
}
