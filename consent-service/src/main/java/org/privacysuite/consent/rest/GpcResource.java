package org.privacysuite.consent.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.consent.config.ConsentConfig;

/** The Global Privacy Control well-known resource: this site honours the signal. */
@Tag(name = "Global Privacy Control", description = "The site's Global Privacy Control support statement.")
@Path("/.well-known/gpc.json")
@PermitAll
public class GpcResource {

    @Inject
    ConsentConfig config;

    public record GpcSupport(boolean gpc, LocalDate lastUpdate) {
    }

    @Operation(summary = "Get the GPC support statement", description = "The `/.well-known/gpc.json` resource of "
            + "the Global Privacy Control specification: this site honours the signal, since the given date.")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public GpcSupport get() {
        return new GpcSupport(true, config.gpc().lastUpdate());
    }
}
