package org.privacysuite.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.privacysuite.console.api.DsarApi;
import org.privacysuite.console.api.DsarViews.Summary;

/** The officers' figures: requests by status and open ones by type, overdue, median time to fulfil, stalls. */
@Path("/overview")
@RolesAllowed(Roles.OFFICER)
@Produces(MediaType.TEXT_HTML)
public class OverviewPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Summary summary, List<String> statuses, List<String> types);
    }

    @Inject
    @RestClient
    DsarApi dsar;

    @Inject
    Pages pages;

    @GET
    public TemplateInstance overview() {
        return pages.render(Templates.overview(dsar.summary(), QueuePage.STATUSES, QueuePage.TYPES));
    }
}
