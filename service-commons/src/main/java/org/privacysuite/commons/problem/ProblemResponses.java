package org.privacysuite.commons.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/** Builds problem+json responses; {@code instance} is the path of the request that failed. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static Response of(int status, URI type, String title, String detail, UriInfo uriInfo, List<Problem.FieldError> errors) {
        String resolvedTitle = title != null ? title : reasonOf(status);
        Problem problem = new Problem(type, resolvedTitle, status, detail, instanceOf(uriInfo), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Response of(int status, String detail, UriInfo uriInfo) {
        return of(status, Problem.ABOUT_BLANK, null, detail, uriInfo, null);
    }

    private static URI instanceOf(UriInfo uriInfo) {
        try {
            return uriInfo == null ? null : URI.create(uriInfo.getRequestUri().getRawPath());
        } catch (RuntimeException e) {
            return null; // no request in scope
        }
    }

    static String reasonOf(int status) {
        Response.StatusType known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}
