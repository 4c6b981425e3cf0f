package org.privacysuite.account.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.ProfileField;

/** The owner's view of their account; {@code closure} only while a closure is pending. */
public record AccountDto(String id, String username, String email, ProfileDto profile, List<String> sharedFields,
        String status, Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) ClosureDto closure) {

    static AccountDto of(Account account, String email, ClosureDto closure) {
        return new AccountDto(account.id, account.username, email, ProfileDto.of(account),
                account.sharedFields().stream().map(ProfileField::jsonName).toList(), account.status.name(),
                account.createdAt, closure);
    }
}
