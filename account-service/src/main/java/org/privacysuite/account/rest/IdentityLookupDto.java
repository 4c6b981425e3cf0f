package org.privacysuite.account.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.privacysuite.account.service.IdentityLookup;

/** The lookup's answer: {@code {"accounts": [{"subjectId", "email"}]}}, {@code email} null when not verified. */
public record IdentityLookupDto(List<AccountIdentity> accounts) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AccountIdentity(String subjectId, String email) {
    }

    static IdentityLookupDto of(List<IdentityLookup.Found> found) {
        return new IdentityLookupDto(found.stream().map(f -> new AccountIdentity(f.subjectId(), f.email())).toList());
    }
}
