package org.privacysuite.commons.problem;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A domain failure the client can act on, answered as problem details with its status and a type URI that names
 * the problem (for example {@code https://privacy-suite.org/problems/consent-missing}).
 */
public class ProblemException extends RuntimeException {

    public static final String TYPE_BASE = "https://privacy-suite.org/problems/";

    private final int status;
    private final URI type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(int status, String typeSlug, String title, String detail) {
        this(status, URI.create(TYPE_BASE + typeSlug), title, detail, null, null);
    }

    private ProblemException(int status, URI type, String title, String detail, List<Problem.FieldError> errors,
            Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 429 with {@code Retry-After}: the caller sent too many requests of this kind (RFC 6585, section 4). */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, ProblemTypes.TOO_MANY_REQUESTS, "Too Many Requests", detail, null, retryAfter);
    }

    /** A request that passed bean validation but breaks a rule only the service can check (an unknown key, say). */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        return new ProblemException(400, ProblemTypes.VALIDATION, "Invalid request", detail, errors, null);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** How long the client should wait before asking again (the {@code Retry-After} header), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Field errors of a validation problem, or null. */
    public List<Problem.FieldError> errors() {
        return errors;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not Found", what + " does not exist");
    }

    public static ProblemException conflict(String typeSlug, String title, String detail) {
        return new ProblemException(409, typeSlug, title, detail);
    }

    public static ProblemException badRequest(String typeSlug, String title, String detail) {
        return new ProblemException(400, typeSlug, title, detail);
    }
}
