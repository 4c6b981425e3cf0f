package org.privacysuite.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.net.URI;
import org.privacysuite.commons.problem.Problem;
import org.privacysuite.commons.problem.ProblemException;

/**
 * The gateway's own answers (401, 403, 413, 429, 502, 503, 504) as RFC 9457 problem details, in the same shape
 * the services use. Problems that come from a service are streamed through untouched and never pass here.
 */
@Singleton
public class GatewayProblems {

    public static final URI RATE_LIMITED = type("rate-limited");
    public static final URI UPSTREAM_UNAVAILABLE = type("upstream-unavailable");
    public static final URI UPSTREAM_TIMEOUT = type("upstream-timeout");
    public static final URI BAD_GATEWAY = type("bad-gateway");

    private final ObjectMapper json;

    GatewayProblems(ObjectMapper json) {
        this.json = json;
    }

    /** Sends a problem whose type is its status alone (RFC 9457, 4.2.1). */
    public void send(RoutingContext ctx, int status, String detail) {
        send(ctx, status, Problem.ABOUT_BLANK, detail);
    }

    public void send(RoutingContext ctx, int status, URI type, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // Part of an upstream answer is already on its way: the only honest signal left is a broken stream.
            response.reset();
            return;
        }
        Problem problem = new Problem(type, HttpResponseStatus.valueOf(status).reasonPhrase(), status, detail,
                instanceOf(ctx), null);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(encode(problem));
    }

    private String encode(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record could not be written as JSON", e);
        }
    }

    private static URI instanceOf(RoutingContext ctx) {
        try {
            return URI.create(ctx.request().path());
        } catch (IllegalArgumentException e) {
            return null; // a path that is not a valid URI reference is not worth echoing
        }
    }

    private static URI type(String slug) {
        return URI.create(ProblemException.TYPE_BASE + slug);
    }
}
