package org.privacysuite.dsar.identity;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * account-service's identity lookup, with the suite's service token ({@code privacy-services}, role
 * {@code service}): the account behind a verified address, the verified address of an account. A POST, so that no
 * address ever travels in a URL (and so in an access log). Base URL: {@code quarkus.rest-client.account-service.url}.
 */
@RegisterRestClient(configKey = "account-service")
@OidcClientFilter
@Path("/api/accounts/identities")
public interface AccountDirectoryApi {

    record Lookup(List<String> emails, List<String> subjectIds) {
    }

    record Account(String subjectId, String email) {
    }

    record Accounts(List<Account> accounts) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Accounts lookup(Lookup lookup);
}
