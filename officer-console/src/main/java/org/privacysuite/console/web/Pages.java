package org.privacysuite.console.web;

import io.quarkus.oidc.IdToken;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.privacysuite.console.i18n.ConsoleLocale;

/**
 * What every page's layout shows besides its content (the officer, the current section), and the one place where a
 * page gets its language.
 */
@Named("page")
@RequestScoped
public class Pages {

    @Inject
    ConsoleLocale lang;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    RoutingContext request;

    /** The page in the officer's language. */
    public TemplateInstance render(TemplateInstance page) {
        return page.setLocale(lang.locale());
    }

    public String officer() {
        String name = idToken.getClaim("name");
        return name != null ? name : idToken.getClaim("preferred_username");
    }

    /** The navigation entry of the current page, marked with {@code aria-current}. */
    public String section() {
        String path = request.normalizedPath();
        for (String section : new String[] { "overview", "purposes", "agents" }) {
            if (path.startsWith("/console/" + section)) {
                return section;
            }
        }
        return "queue";
    }

    /** Where the language switch returns to: this page with its query, URL-encoded for a query parameter. */
    public String back() {
        String query = request.request().query();
        String here = request.normalizedPath() + (query == null ? "" : "?" + query);
        return URLEncoder.encode(here, StandardCharsets.UTF_8);
    }
}
