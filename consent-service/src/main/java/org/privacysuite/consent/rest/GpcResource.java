package org.privacysuite.consent.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.privacysuite.consent.config.ConsentConfig;

/** The Global Privacy Control well-known resource: this site honours the signal. */
@Path("/.well-known/gpc.json")
@PermitAll
public class GpcResource {

    @Inject
    ConsentConfig config;

    public record GpcSupport(boolean gpc, LocalDate lastUpdate) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public GpcSupport get() {
        return new GpcSupport(true, config.gpc().lastUpdate());
    }
}
