package org.privacysuite.newsletter.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.newsletter.domain.Issue;
import org.privacysuite.newsletter.domain.IssueStatus;
import org.privacysuite.newsletter.domain.Section;
import org.privacysuite.newsletter.rest.NewsletterDtos.IssueDto;
import org.privacysuite.newsletter.rest.NewsletterDtos.IssueRequest;
import org.privacysuite.newsletter.service.IssueDesk;
import org.privacysuite.newsletter.service.IssueSender;
import org.privacysuite.newsletter.service.Progress;

/**
 * Issues, written and sent by marketing or a privacy officer. Nothing here shows who the subscribers are: progress
 * is counts only.
 */
@Tag(name = "Newsletter issues", description = "Issues written and sent by marketing or a privacy officer; "
        + "progress is counts only, never who the subscribers are.")
@Path("/api/newsletter/issues")
@RolesAllowed({ Roles.MARKETING, Roles.PRIVACY_OFFICER })
@Produces(MediaType.APPLICATION_JSON)
public class IssueResource {

    @Inject
    IssueDesk desk;

    @Inject
    IssueSender sender;

    @Inject
    SecurityIdentity identity;

    @Operation(summary = "Create an issue", description = "Writes an issue (subject, intro, one section per "
            + "topic); it is not sent yet. Marketing or privacy officers.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The issue, not sent yet; Location is the issue.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IssueDto.class)))
    public Response create(@Valid @NotNull IssueRequest request) {
        List<Section> sections = request.sections().stream().map(s -> new Section(s.topic(), s.title(), s.body())).toList();
        Issue issue = desk.create(request.subject(), request.intro(), sections, identity.getPrincipal().getName());
        return Response.created(URI.create("/api/newsletter/issues/" + issue.id))
                .entity(IssueDto.of(issue, sender.progress(issue.id))).build();
    }

    @Operation(summary = "List issues", description = "Every issue with its status. Marketing or privacy officers.")
    @GET
    public List<IssueDto> list() {
        return desk.list().stream().map(i -> IssueDto.of(i, null)).toList();
    }

    @Operation(summary = "Get an issue", description = "The issue with its sending progress in counts. Marketing "
            + "or privacy officers.")
    @GET
    @Path("/{id}")
    public IssueDto get(@PathParam("id") String id) {
        Issue issue = desk.get(id);
        return IssueDto.of(issue, sender.progress(id));
    }

    /**
     * Starts or resumes sending: mails the next batch (at most {@code limit}, capped by
     * {@code newsletter.sending.batch-size}) of recipients who have not received the issue, then answers with the
     * progress: 200 once the issue is SENT, 202 while recipients remain (background rounds continue, and calling
     * again continues too). Safe to repeat: nobody gets the issue twice.
     */
    @Operation(summary = "Send an issue", description = "Starts or resumes sending: mails the next batch of "
            + "recipients (personalised only with consent, with List-Unsubscribe headers) and answers with the "
            + "progress: 200 once every recipient has it, 202 while some remain. Safe to repeat: nobody gets an "
            + "issue twice.")
    @POST
    @Path("/{id}/send")
    @APIResponse(responseCode = "200", description = "Every recipient has it.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IssueDto.class)))
    @APIResponse(responseCode = "202", description = "A batch went out; call again for the rest.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = IssueDto.class)))
    public Response send(@PathParam("id") String id, @QueryParam("limit") @Min(1) @Max(10000) Integer limit) {
        Progress progress = sender.send(id, limit);
        Issue issue = desk.get(id);
        return Response.status(issue.status == IssueStatus.SENT ? 200 : 202).entity(IssueDto.of(issue, progress)).build();
    }
}
