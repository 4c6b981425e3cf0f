package org.privacysuite.commons.problem;

import java.net.URI;

/**
 * A domain failure the client can act on, answered as problem details with its status and a type URI that names
 * the problem (for example {@code https://privacy-suite.org/problems/consent-missing}).
 */
public class ProblemException extends RuntimeException {

    public static final String TYPE_BASE = "https://privacy-suite.org/problems/";

    private final int status;
    private final URI type;
    private final String title;

    public ProblemException(int status, String typeSlug, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = URI.create(TYPE_BASE + typeSlug);
        this.title = title;
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
