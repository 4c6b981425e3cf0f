package org.privacysuite.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.privacysuite.console.api.ConsentApi;
import org.privacysuite.console.api.ConsentApi.Notice;
import org.privacysuite.console.api.ConsentApi.Purpose;
import org.privacysuite.console.api.ConsentApi.PurposeUpdate;

/**
 * The purpose catalogue with each notice's versions. Editing sends consent-service's own update: a changed text
 * publishes a new version, and the officer says whether it is a material change that needs consent again, and
 * whether the purpose is direct marketing (an objection to direct marketing then refuses it). The form always
 * holds the checkbox, so an unticked box is sent as false.
 */
@Path("/purposes")
@RolesAllowed(Roles.OFFICER)
@Produces(MediaType.TEXT_HTML)
public class PurposesPage {

    private static final String KEY = "[a-z0-9][a-z0-9-]{0,63}";
    static final List<String> LEGAL_BASES = List.of("CONSENT", "CONTRACT", "LEGAL_OBLIGATION", "LEGITIMATE_INTERESTS");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance purposes(List<Purpose> purposes);

        static native TemplateInstance purpose(Purpose purpose, List<Notice> notices, List<String> legalBases,
                String saved, String error);
    }

    @Inject
    @RestClient
    ConsentApi consent;

    @Inject
    Pages pages;

    @GET
    public TemplateInstance list() {
        return pages.render(Templates.purposes(consent.purposes()));
    }

    /** {@code saved}: the outcome of the edit that led here ({@code reconsent}, {@code kept} or {@code unchanged}). */
    @GET
    @Path("/{key}")
    public TemplateInstance purpose(@PathParam("key") @Pattern(regexp = KEY) String key,
            @QueryParam("saved") String saved) {
        String outcome = saved != null && List.of("reconsent", "kept", "unchanged").contains(saved) ? saved : null;
        return page(find(key), outcome, null);
    }

    @POST
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("key") @Pattern(regexp = KEY) String key, @FormParam("title") String title,
            @FormParam("description") String description, @FormParam("legalBasis") String legalBasis,
            @FormParam("materialChange") boolean materialChange,
            @FormParam("directMarketing") boolean directMarketing) {
        Purpose before = find(key);
        if (title == null || title.isBlank() || description == null || description.isBlank()
                || !LEGAL_BASES.contains(legalBasis)) {
            String missing = title == null || title.isBlank() ? "title" : description == null || description.isBlank()
                    ? "description" : "legalBasis";
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML)
                    .entity(page(before, null, missing)).build();
        }
        Purpose after = consent.put(key, new PurposeUpdate(title.strip(), description.strip(), legalBasis,
                before.gpcGoverned(), before.required(), materialChange, before.purposeCategory(),
                before.piiCategories(), before.termination(), before.thirdPartyDisclosure(), directMarketing));
        return Response.seeOther(URI.create("/purposes/" + key + "?saved=" + outcome(before, after))).build();
    }

    /** What the edit meant for the people who consented, as consent-service recorded it. */
    static String outcome(Purpose before, Purpose after) {
        if (after.noticeVersion() == before.noticeVersion()) {
            return "unchanged";
        }
        return after.reconsentFromVersion() == after.noticeVersion() ? "reconsent" : "kept";
    }

    private TemplateInstance page(Purpose purpose, String saved, String error) {
        return pages.render(Templates.purpose(purpose, consent.notices(purpose.key()), LEGAL_BASES, saved, error));
    }

    private Purpose find(String key) {
        return consent.purposes().stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(NotFoundException::new);
    }
}
