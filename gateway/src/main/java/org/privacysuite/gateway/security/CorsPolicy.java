package org.privacysuite.gateway.security;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.privacysuite.gateway.config.GatewayConfig;
import org.privacysuite.gateway.routing.GatewayRoute;
import org.privacysuite.gateway.tracing.RequestTrace;

/**
 * CORS for the configured origins only, with Vert.x Web's CorsHandler: a preflight from a configured origin is
 * answered here (204), one from any other origin, like any cross-origin request from it, is refused with 403
 * (answered as problem+json by the route's failure handler). Requests without an Origin are not CORS and pass.
 */
@Singleton
public class CorsPolicy implements Handler<RoutingContext> {

    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Set<String> EXPOSED_HEADERS = Set.of(RequestTrace.CORRELATION_ID,
            HttpHeaders.RETRY_AFTER.toString(), HttpHeaders.LOCATION.toString());

    private final CorsHandler cors;

    CorsPolicy(GatewayConfig config) {
        List<String> origins = config.cors().origins();
        if (origins.stream().anyMatch(origin -> origin.contains("*"))) {
            throw new IllegalArgumentException("gateway.cors.origins lists origins, not patterns: " + origins);
        }
        // Tokens travel in the Authorization header, not in cookies, so credentialed CORS is not needed.
        this.cors = CorsHandler.create()
                .addOrigins(origins)
                .allowedMethods(METHODS)
                .allowedHeaders(Set.copyOf(config.cors().allowedHeaders()))
                .exposedHeaders(EXPOSED_HEADERS)
                .maxAgeSeconds(Math.toIntExact(config.cors().maxAge().toSeconds()));
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.get(GatewayRoute.CONTEXT_KEY) == GatewayRoute.CONSOLE) {
            // The console's pages are navigations, which CORS does not govern; its forms carry CSRF tokens. Under the
            // gateway's Referrer-Policy: no-referrer, browsers send "Origin: null" on their posts, which the
            // origin list would refuse.
            ctx.next();
            return;
        }
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && (isSameOrigin(ctx.request(), origin) || isOpaqueSameOrigin(ctx.request(), origin))) {
            // Browsers send Origin on same-origin POSTs too, e.g. the form of a page served through the gateway.
            ctx.next();
            return;
        }
        cors.handle(ctx);
    }

    /**
     * Under the gateway's own {@code Referrer-Policy: no-referrer}, Chromium sends {@code Origin: null} with the form
     * post of a page served through the gateway (the newsletter's confirm button). {@code Sec-Fetch-Site} is set by
     * the browser alone (scripts cannot), so {@code same-origin} there tells that it is not cross-origin.
     */
    private static boolean isOpaqueSameOrigin(HttpServerRequest request, String origin) {
        return "null".equals(origin) && "same-origin".equals(request.getHeader("Sec-Fetch-Site"));
    }

    private static boolean isSameOrigin(HttpServerRequest request, String origin) {
        return request.authority() != null
                && origin.equalsIgnoreCase(request.scheme() + "://" + request.authority());
    }
}
