package org.privacysuite.account.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The identities dsar-service wants resolved: proven e-mails (whose accounts it wants) and account subject ids
 * (whose verified e-mails it wants). Both optional, at most ten each: a request names a handful of identities.
 */
public record IdentityLookupRequest(
        @Size(max = 10) List<@NotBlank @Size(max = 254)
                @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address") String> emails,
        // a Keycloak subject id is a UUID; the pattern keeps anything that could change the admin API's path out
        @Size(max = 10) List<@NotBlank @Size(max = 64)
                @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*", message = "must be a subject id") String> subjectIds) {

    public List<String> emailsOrNone() {
        return emails == null ? List.of() : emails;
    }

    public List<String> subjectIdsOrNone() {
        return subjectIds == null ? List.of() : subjectIds;
    }
}
