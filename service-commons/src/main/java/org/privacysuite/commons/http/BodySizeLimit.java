package org.privacysuite.commons.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.privacysuite.commons.problem.ProblemException;

/**
 * Refuses bodies larger than the API ever needs with a 413 problem+json before they are read. Vert.x's own limit
 * ({@code quarkus.http.limits.max-body-size}) stays as the hard cap for bodies without a Content-Length.
 */
public class BodySizeLimit {

    @ConfigProperty(name = "privacy.http.max-body-size", defaultValue = "65536")
    long maxBodySize;

    @ServerRequestFilter(preMatching = true)
    public void refuseOversized(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("malformed-header", "Malformed Content-Length",
                        "Content-Length is not a number");
            }
            if (bytes > maxBodySize) {
                throw new ProblemException(413, "body-too-large", "Request body too large",
                        "The body has " + bytes + " bytes; at most " + maxBodySize + " are accepted");
            }
        }
    }
}
