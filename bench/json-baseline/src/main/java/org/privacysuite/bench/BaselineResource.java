package org.privacysuite.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** Answers a JSON object shaped like a consent decision, computed from nothing: the cost of the stack alone. */
@Path("/baseline")
public class BaselineResource {

    private static final Instant DECIDED_AT = Instant.parse("2026-11-25T00:00:00Z");

    public record Answer(boolean allowed, String purpose, String subject, int noticeVersion, Instant decidedAt) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Answer get(@QueryParam("subject") String subject, @QueryParam("purpose") String purpose) {
        return new Answer(true, purpose, subject, 1, DECIDED_AT);
    }
}
