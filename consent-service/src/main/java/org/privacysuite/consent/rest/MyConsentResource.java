package org.privacysuite.consent.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The logged-in account's consent choices. */
@Path("/api/consent/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MyConsentResource {

    @Inject
    SecurityIdentity identity;

    /** The skeleton has no ledger yet (it comes with the consent issue), so an account has no choices recorded. */
    @GET
    public ConsentStateDto get() {
        return new ConsentStateDto(identity.getPrincipal().getName(), List.of(), null);
    }
}
