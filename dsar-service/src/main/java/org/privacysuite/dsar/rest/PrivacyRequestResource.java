package org.privacysuite.dsar.rest;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.commons.security.Roles;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestSource;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.service.IdentityPolicy;
import org.privacysuite.dsar.service.NewRequest;
import org.privacysuite.dsar.service.OfficerActions;
import org.privacysuite.dsar.service.Rectifications;
import org.privacysuite.dsar.service.RequestQueue;
import org.privacysuite.dsar.service.RequestIntake;
import org.privacysuite.dsar.service.RequestThrottle;

@Tag(name = "Privacy requests", description = "Data subject requests (access, portability, erasure, rectification, "
        + "objection, question) with their legal deadlines.")
@Path("/api/privacy-requests")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyRequestResource {

    static final String ID = PrivacyRequest.ID_PATTERN;

    /** Where a cookie-only visitor's browser sends its device id to read its own request (never in the URL). */
    public static final String DEVICE_HEADER = "X-Device-Id";

    /** What a device id alone may ask for: there is no address to answer a question or a correction. */
    static final Set<RequestType> DEVICE_ONLY_TYPES = Set.of(RequestType.ACCESS, RequestType.PORTABILITY,
            RequestType.ERASURE, RequestType.OBJECTION);

    @Inject
    SecurityIdentity identity;

    @Inject
    RequestIntake intake;

    @Inject
    Rectifications rectifications;

    @Inject
    RequestThrottle throttle;

    @Inject
    RequestDtos dtos;

    @Inject
    RequestQueue queue;

    /** Anyone may ask. With a user token the subject is verified by it; without, an email address is required. */
    @Operation(summary = "Submit a privacy request", description = "Anyone may ask: type, jurisdiction and message "
            + "(and the changes of a rectification). With a user token the subject is verified by it; without one "
            + "an email address is required and a verification code is mailed to it. 429 with Retry-After when "
            + "this client or address asked too often.")
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Received; without a login a confirmation code is mailed.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RequestDto.class)))
    @APIResponse(responseCode = "429", description = "Too many requests from this client, or too many codes mailed to"
            + " this address; Retry-After says when to try again.")
    public Response submit(@Valid @NotNull CreateRequestDto body, @Context HttpServerRequest http,
            @Context HttpHeaders headers) {
        Optional<String> subject = signedInUser();
        boolean deviceOnly = subject.isEmpty() && (body.email() == null || body.email().isBlank())
                && body.deviceId() != null;
        if (subject.isEmpty() && (body.email() == null || body.email().isBlank()) && body.deviceId() == null) {
            throw ProblemException.invalid("email", "required when not signed in: a verification code is mailed to"
                    + " it (or send the consent cookie's deviceId to act on that device's data alone)");
        }
        if (deviceOnly && !DEVICE_ONLY_TYPES.contains(body.type())) {
            throw ProblemException.invalid("email", "a " + body.type() + " request needs an address to answer: a"
                    + " device id alone can ask for its data, its erasure or an objection");
        }
        if (body.type() == RequestType.QUESTION && (body.message() == null || body.message().isBlank())) {
            throw ProblemException.invalid("message", "a question needs its text");
        }
        if (body.type() == RequestType.RECTIFICATION && (body.changes() == null || body.changes().isEmpty())) {
            throw ProblemException.invalid("changes", "say which fields to correct and how");
        }
        if (body.type() != RequestType.RECTIFICATION && body.changes() != null) {
            throw ProblemException.invalid("changes", "only a RECTIFICATION request carries changes");
        }
        if (body.type() != RequestType.OBJECTION && body.objection() != null) {
            throw ProblemException.invalid("objection", "only an OBJECTION request says what it objects to");
        }
        if (body.changes() != null) {
            Set<String> unheld = rectifications.unheldFields(body.changes().keySet());
            if (!unheld.isEmpty()) {
                throw ProblemException.invalid("changes", "no service holds " + String.join(", ", unheld)
                        + "; fields that can be corrected: see GET /api/privacy/participants (rectifiableFields)");
            }
        }
        // Which identities the request may act on, and how each is proven, is decided in one place.
        IdentityPolicy.Claim claim = IdentityPolicy.forWebRequest(caller(), body.email(), body.deviceId());
        // Client address: the gateway's X-Forwarded-For, believed only from quarkus.http.proxy.trusted-proxies.
        throttle.admitClient(http.remoteAddress().hostAddress());
        if (claim.awaitsEmailProof()) {
            throttle.admitCodeMail(claim.email());
        }
        String language = body.language() != null ? body.language() : headers.getAcceptableLanguages().stream()
                .map(Locale::getLanguage).filter(l -> l.equals("en") || l.equals("fr")).findFirst().orElse(null);
        RequestIntake.Submitted submitted = intake.submit(new NewRequest(body.type(), body.jurisdiction(),
                body.message(), claim.email(), body.changes(), body.objection(), language), claim, RequestSource.WEB);
        return answer(submitted, Response.Status.CREATED);
    }

    @Operation(summary = "Verify a privacy request", description = "Confirms a request made without login with the "
            + "code mailed to its address. If a request of the same type for that address is open already, this one "
            + "is closed as its duplicate and the answer is the open request, with its Location.")
    @POST
    @Path("/{id}/verify")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response verify(@PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull OfficerInputs.Verification body) {
        return answer(intake.verify(id, body.code()), Response.Status.OK);
    }

    /** A new request (201), or the open one it repeats (200), with its Location either way. */
    private Response answer(RequestIntake.Submitted submitted, Response.Status fresh) {
        PrivacyRequest request = submitted.request();
        return Response.status(submitted.repeated() ? Response.Status.OK : fresh)
                .location(URI.create("/api/privacy-requests/" + request.id))
                .entity(dtos.receipt(request)).build();
    }

    @Operation(summary = "Get a privacy request", description = "Status, due date, per-service progress and the "
            + "reasons for any deferral. The owner (signed in, or for a request made with a device id alone, the "
            + "browser holding it, in the X-Device-Id header) or a privacy officer; anyone else gets 404, as if it did"
            + " not exist.")
    @GET
    @Path("/{id}")
    @PermitAll
    public RequestDto get(@PathParam("id") @Pattern(regexp = ID) String id,
            @HeaderParam(DEVICE_HEADER) @Size(max = 64) String device) {
        if (device != null) {
            return dtos.full(heldBy(id, device));
        }
        requireUserOrOfficer();
        return dtos.full(visible(id));
    }

    /**
     * Officers: every request; others: their own. Filtered and paged in the database, in due-date order; the next
     * page's address comes in an RFC 8288 {@code Link} header with {@code rel="next"}.
     */
    @Operation(summary = "List privacy requests", description = "Privacy officers get every request, anyone else "
            + "their own: filtered by status, type, jurisdiction, source, open, overdue or due within days, "
            + "soonest deadline first, a page at a time (`limit`); the next page's address comes in a Link header "
            + "with rel=\"next\" (`after`).")
    @GET
    @RolesAllowed({ Roles.USER, Roles.PRIVACY_OFFICER })
    @APIResponse(responseCode = "200", description = "One page of requests, soonest deadline first; a Link header"
            + " with rel=\"next\" gives the next page while there is one.")
    public RestResponse<List<RequestDto>> list(@QueryParam("status") String statusParam,
            @QueryParam("type") String typeParam, @QueryParam("jurisdiction") String jurisdictionParam,
            @QueryParam("source") String sourceParam, @QueryParam("open") String open,
            @QueryParam("overdue") String overdue, @QueryParam("dueWithinDays") String dueWithinDays,
            @QueryParam("limit") String limit, @QueryParam("after") @Size(max = 200) String after,
            @Context UriInfo uri) {
        // Parsed here: JAX-RS would answer a value it cannot convert with 404 instead of a 400 naming the parameter.
        RequestQueue.Filter filter = new RequestQueue.Filter(QueryParams.enumeration(RequestStatus.class, "status", statusParam),
                QueryParams.enumeration(RequestType.class, "type", typeParam),
                QueryParams.enumeration(Jurisdiction.class, "jurisdiction", jurisdictionParam),
                QueryParams.enumeration(RequestSource.class, "source", sourceParam), QueryParams.bool("open", open),
                QueryParams.bool("overdue", overdue), QueryParams.integer("dueWithinDays", dueWithinDays),
                isOfficer() ? null : identity.getPrincipal().getName());
        Integer pageSize = QueryParams.integer("limit", limit);
        RequestQueue.Page page = queue.page(filter, after == null ? null : RequestQueue.Cursor.decode(after),
                pageSize == null ? RequestQueue.DEFAULT_LIMIT : pageSize);
        RestResponse.ResponseBuilder<List<RequestDto>> response = RestResponse.ResponseBuilder
                .ok(dtos.fullPage(page.requests()));
        page.next().ifPresent(next -> {
            // A relative reference: the same path answers through the gateway, whose host this service cannot know.
            URI link = uri.getRequestUriBuilder().replaceQueryParam("after", next.encode()).build();
            response.header(HttpHeaders.LINK, "<" + link.getRawPath() + "?" + link.getRawQuery() + ">; rel=\"next\"");
        });
        return response.build();
    }

    /** A request made with a device id alone, for the browser holding that id; any other answers 404. */
    static PrivacyRequest heldBy(String id, String device) {
        PrivacyRequest request = OfficerActions.load(id);
        if (!request.isHeldBy(device.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw ProblemException.notFound("Privacy request " + id);
        }
        return request;
    }

    private void requireUserOrOfficer() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!identity.hasRole(Roles.USER) && !isOfficer()) {
            throw new ForbiddenException();
        }
    }

    /** Someone else's request answers 404, as if it did not exist: its existence is itself personal data. */
    private PrivacyRequest visible(String id) {
        PrivacyRequest request = OfficerActions.load(id);
        if (!isOfficer() && !request.isOwnedBy(identity.getPrincipal().getName())) {
            throw ProblemException.notFound("Privacy request " + id);
        }
        return request;
    }

    private boolean isOfficer() {
        return identity.hasRole(Roles.PRIVACY_OFFICER);
    }

    /** The caller as its token describes it; {@code email_verified} may arrive as a JSON boolean or a string. */
    private IdentityPolicy.Caller caller() {
        Optional<String> subject = signedInUser();
        if (subject.isEmpty() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return IdentityPolicy.Caller.anonymous();
        }
        Object verified = jwt.getClaim("email_verified");
        boolean emailVerified = verified != null && "true".equals(String.valueOf(verified).replace("\"", ""));
        return new IdentityPolicy.Caller(subject, Optional.ofNullable(jwt.<Object>getClaim("email")).map(e ->
                String.valueOf(e).replace("\"", "")), emailVerified);
    }

    private Optional<String> signedInUser() {
        return !identity.isAnonymous() && identity.hasRole(Roles.USER)
                ? Optional.of(identity.getPrincipal().getName()) : Optional.empty();
    }
}
