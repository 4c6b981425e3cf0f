package org.privacysuite.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.privacysuite.console.api.DsarApi;
import org.privacysuite.console.api.DsarViews.RequestView;
import org.privacysuite.console.api.QueueQuery;
import org.privacysuite.console.config.ConsoleConfig;

/** The queue: requests by due date with filters, counts per status and cursor pagination. */
@Path("/")
@RolesAllowed(Roles.OFFICER)
@Produces(MediaType.TEXT_HTML)
public class QueuePage {

    static final List<String> STATUSES = List.of("UNVERIFIED", "PENDING_APPROVAL", "IN_PROGRESS", "STALLED",
            "FULFILLED", "DENIED", "CLOSED");
    static final List<String> TYPES = List.of("ACCESS", "PORTABILITY", "ERASURE", "RECTIFICATION", "OBJECTION",
            "QUESTION");
    // the jurisdictions dsar-service knows (its Jurisdiction enum)
    static final List<String> JURISDICTIONS = List.of("GDPR", "CCPA", "PIPEDA", "QUEBEC");
    static final List<String> SOURCES = List.of("WEB", "ACCOUNT_CLOSURE", "AUTHORISED_AGENT");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(QueueQuery filter, List<RequestView> requests, Map<String, Long> counts,
                String next, List<String> statuses, List<String> types, List<String> jurisdictions,
                List<String> sources);
    }

    @Inject
    @RestClient
    DsarApi dsar;

    @Inject
    ConsoleConfig config;

    @Inject
    Pages pages;

    @GET
    public TemplateInstance queue(@BeanParam QueueQuery filter) {
        QueueQuery query = filter.normalised(config.pageSize());
        List<RequestView> requests;
        String next;
        try (Response page = dsar.list(query)) {
            requests = page.readEntity(new GenericType<List<RequestView>>() {
            });
            next = nextCursor(page.getLink("next"));
        }
        Map<String, Long> counts = dsar.summary().byStatus();
        return pages.render(Templates.queue(query, requests, counts, next, STATUSES, TYPES, JURISDICTIONS, SOURCES));
    }

    /** The {@code after} cursor of dsar-service's RFC 8288 next link; the console's own link carries only that. */
    static String nextCursor(Link next) {
        if (next == null || next.getUri().getRawQuery() == null) {
            return null;
        }
        for (String pair : next.getUri().getRawQuery().split("&")) {
            if (pair.startsWith("after=")) {
                return URLDecoder.decode(pair.substring("after=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
