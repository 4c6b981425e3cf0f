package org.privacysuite.account.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.service.Closures;
import org.privacysuite.account.service.Profiles;
import org.privacysuite.account.service.SignUp;
import org.privacysuite.commons.security.Roles;

/** Sign-up, the owner's profile (the subject is always the token's), and public profiles. */
@Tag(name = "Accounts", description = "Sign-up, the owner's profile with its per-field sharing, and public "
        + "profiles.")
@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    SignUp signUp;

    @Inject
    Profiles profiles;

    @Inject
    Closures closures;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Operation(summary = "Sign up", description = "Creates the account in the identity provider (the password "
            + "never reaches the suite's database) with optional profile fields and the fields the person chooses "
            + "to share publicly. 201 with Location /api/accounts/me; 409 when the username or email is taken.")
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Signed up; Location is /api/accounts/me.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AccountDto.class)))
    public Response signUp(@Valid @NotNull SignUpRequest request) {
        SignUp.Created created = signUp.signUp(new SignUp.Request(request.username(), request.email(),
                request.password(), request.profile() == null ? null : request.profile().given(),
                request.sharedFields()));
        return Response.created(URI.create("/api/accounts/me"))
                .entity(AccountDto.of(created.account(), created.email(), null)).build();
    }

    @Operation(summary = "Get my account", description = "The signed-in account: username, email, status, profile "
            + "fields, which of them are shared publicly and, while closure is pending, its holds and expected "
            + "date.")
    @GET
    @Path("/me")
    @RolesAllowed(Roles.USER)
    public AccountDto me() {
        return dto(profiles.own(accountId()));
    }

    @Operation(summary = "Update my profile", description = "Changes profile fields and the set of fields shared "
            + "publicly (JSON merge patch: absent fields stay, null clears).")
    @PATCH
    @Path("/me")
    @RolesAllowed(Roles.USER)
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    public AccountDto patch(@Valid @NotNull AccountPatch patch) {
        return dto(profiles.patch(accountId(), patch.profile(), patch.sharedFields()));
    }

    @Operation(summary = "Get a public profile", description = "Only the profile fields the account's owner chose "
            + "to share publicly; 404 for an unknown, closed or erased account.")
    @GET
    @Path("/{username}/public")
    @PermitAll
    public PublicProfileDto publicProfile(@PathParam("username") @Size(max = 50)
            @Pattern(regexp = SignUpRequest.USERNAME, message = SignUpRequest.USERNAME_MESSAGE) String username) {
        return new PublicProfileDto(username.toLowerCase(java.util.Locale.ROOT), profiles.publicProfile(username));
    }

    private AccountDto dto(Account account) {
        ClosureDto closure = account.status == AccountStatus.CLOSURE_PENDING
                ? ClosureDto.of(closures.view(account.id)) : null;
        return AccountDto.of(account, token.getClaim("email"), closure);
    }

    private String accountId() {
        return identity.getPrincipal().getName();
    }
}
