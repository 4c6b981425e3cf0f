package org.privacysuite.commons.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} answer: clear 4xx for what the client can
 * fix, and a 500 that says nothing about the internals (the cause goes to the log only).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    AllowedMethods allowed;

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uriInfo) {
        Response problem = ProblemResponses.of(e.status(), e.type(), e.title(), e.getMessage(), uriInfo, e.errors());
        if (e.retryAfter() == null) {
            return problem;
        }
        // whole seconds, rounded up: a client that waits exactly this long is not refused again
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uriInfo) {
        boolean returnValue = e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue);
        if (returnValue) {
            LOG.error("A response failed its own validation", e);
            return ProblemResponses.of(500, "The server could not produce a valid answer.", uriInfo);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return ProblemResponses.of(400, ProblemTypes.VALIDATION, "Invalid request", detail, uriInfo, errors);
    }

    // Named explicitly so that these win over Quarkus REST's built-in plain-text mappers for the same types.
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class })
    public Response unreadableJson(JsonProcessingException e, UriInfo uriInfo) {
        String field = e instanceof MismatchedInputException mismatch ? pathOf(mismatch) : null;
        String detail = e instanceof InvalidFormatException invalid
                ? "Value " + invalid.getValue() + " is not valid for " + field
                : "The request body is not valid JSON for this resource" + (field != null && !field.isEmpty()
                        ? " (at " + field + ")" : "");
        List<Problem.FieldError> errors = field != null && !field.isEmpty()
                ? List.of(new Problem.FieldError(field, "cannot be read from the given value")) : null;
        return ProblemResponses.of(400, ProblemTypes.MALFORMED_BODY, "Malformed request body", detail, uriInfo, errors);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uriInfo) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uriInfo); // the body reader wraps Jackson's parse errors
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response problem = ProblemResponses.of(status, status >= 500 ? null : e.getMessage(), uriInfo);
        // Keep headers the status relies on (Allow on 405, WWW-Authenticate on 401, Retry-After on 503).
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        for (String header : List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER)) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        if (status == 405 && original.getHeaders().getFirst(HttpHeaders.ALLOW) == null) {
            builder.header(HttpHeaders.ALLOW, String.join(", ", allowed.at(uriInfo.getPath())));
        }
        return builder.build();
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uriInfo) {
        return Response.fromResponse(ProblemResponses.of(401, "A valid bearer token is required.", uriInfo))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uriInfo) {
        return ProblemResponses.of(403, "Your role does not allow this action.", uriInfo);
    }

    /** Two requests changed the same thing at once and this one lost (see {@link ConcurrentWrites}): 409, not 500. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uriInfo) {
        if (ConcurrentWrites.lostRace(e)) {
            // the class only: a duplicate-key message quotes the key, which may be a device id or an e-mail
            LOG.debugf("Concurrent write refused (%s)", e.getClass().getName());
            return ProblemResponses.of(409, ProblemTypes.CONCURRENT_UPDATE, "Concurrent update",
                    "Another request changed the same data at the same time. Read it again and retry.", uriInfo, null);
        }
        LOG.error("Unexpected failure", e);
        return ProblemResponses.of(500, "The server could not complete the request.", uriInfo);
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .anyMatch(node -> node.getKind() == ElementKind.RETURN_VALUE);
    }

    /** The path below the method parameter, e.g. {@code choices.analytics} rather than {@code put.arg0.choices}. */
    private static String fieldOf(Path path) {
        List<String> names = StreamSupport.stream(path.spliterator(), false)
                .filter(node -> node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.PARAMETER)
                .map(node -> node.getName() != null ? node.getName() : String.valueOf(node.getKey()))
                .toList();
        if (names.isEmpty()) {
            // a constraint on a parameter itself, such as a query parameter: name the parameter
            List<String> all = StreamSupport.stream(path.spliterator(), false).map(Path.Node::getName).toList();
            return all.isEmpty() ? "" : all.get(all.size() - 1);
        }
        return String.join(".", names);
    }

    private static String pathOf(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
