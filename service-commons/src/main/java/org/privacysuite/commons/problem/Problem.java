package org.privacysuite.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * RFC 9457 problem details. {@code errors} lists the fields a validation failure is about.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Used when a problem has no more specific type than its HTTP status (RFC 9457, section 4.2.1). */
    public static final URI ABOUT_BLANK = URI.create("about:blank");

    public record FieldError(String field, String message) {
    }
}
