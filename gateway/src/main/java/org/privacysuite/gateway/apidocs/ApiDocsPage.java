package org.privacysuite.gateway.apidocs;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The policy of the API page (/api-docs/, Swagger UI served from this origin): scripts, styles and the document from
 * here only, no inline script; images also as data: URIs. Swagger UI sets styles through the DOM, which style-src
 * does not govern. Its Authorize dialog reads the realm's OpenID configuration, hence the realm's origin in
 * connect-src. The gateway's security headers keep a policy the answer already has.
 */
@ApplicationScoped
public class ApiDocsPage {

    private final String policy;

    ApiDocsPage(@ConfigProperty(name = "quarkus.oidc.auth-server-url") URI realm) {
        String realmOrigin = realm.getScheme() + "://" + realm.getRawAuthority();
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + realmOrigin + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    void register(@Observes Router router) {
        router.route("/api-docs/*").order(RouteConstants.ROUTE_ORDER_HEADERS).handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", policy);
            ctx.next();
        });
    }
}
