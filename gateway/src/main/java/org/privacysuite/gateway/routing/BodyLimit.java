package org.privacysuite.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import jakarta.inject.Singleton;
import org.privacysuite.gateway.config.GatewayConfig;
import org.privacysuite.gateway.problem.GatewayProblems;

/**
 * The request size limit. A declared Content-Length over the limit is refused before anything else happens; a
 * chunked body, whose size is known only as it streams, is counted on its way to the service and cut off there.
 */
@Singleton
public class BodyLimit implements Handler<RoutingContext> {

    private final long maxBytes;
    private final GatewayProblems problems;

    BodyLimit(GatewayConfig config, GatewayProblems problems) {
        this.maxBytes = config.maxBodySize().asLongValue();
        this.problems = problems;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        // Netty has already refused a Content-Length that is not a number.
        if (declared != null && Long.parseLong(declared.trim()) > maxBytes) {
            reject(ctx);
            return;
        }
        ctx.next();
    }

    /** Counts a chunked body as it is forwarded; null when the body's length was declared (and checked) up front. */
    BoundedReadStream bound(ProxyRequest request) {
        Body body = request.getBody();
        if (body == null || body.length() >= 0) {
            return null;
        }
        BoundedReadStream bounded = new BoundedReadStream(body.stream(), maxBytes);
        request.setBody(Body.body(bounded, -1));
        return bounded;
    }

    /**
     * The connection stays open and the unread body is drained once the answer is out (Quarkus resumes the request
     * then): closing it instead would make many clients, still busy sending, report a reset rather than this 413.
     * Bodies above quarkus.http.limits.max-body-size (10M) never get here; Quarkus refuses them and closes.
     */
    void reject(RoutingContext ctx) {
        problems.send(ctx, 413, "The request body is larger than the " + maxBytes + " bytes the gateway accepts.");
    }
}
