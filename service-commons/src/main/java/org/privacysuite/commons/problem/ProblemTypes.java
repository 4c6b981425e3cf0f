package org.privacysuite.commons.problem;

import java.net.URI;

/** Problem type URIs shared by all services. */
public final class ProblemTypes {

    public static final URI VALIDATION = URI.create(ProblemException.TYPE_BASE + "validation");
    public static final URI MALFORMED_BODY = URI.create(ProblemException.TYPE_BASE + "malformed-body");
    public static final URI CONCURRENT_UPDATE = URI.create(ProblemException.TYPE_BASE + "concurrent-update");
    public static final URI TOO_MANY_REQUESTS = URI.create(ProblemException.TYPE_BASE + "too-many-requests");

    private ProblemTypes() {
    }
}
