package org.privacysuite.account.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.domain.ProfileField;
import org.privacysuite.commons.problem.Problem;
import org.privacysuite.commons.problem.ProblemException;

/** The owner's profile and the public view of it. */
@ApplicationScoped
public class Profiles {

    @Inject
    AccountDirectory directory;

    @Inject
    AccountLocks locks;

    @Inject
    Clock clock;

    public Account own(String accountId) {
        return directory.open(accountId);
    }

    /**
     * Merge-patch of the owner's profile: a field given a value is set, a field given null is cleared, a field not
     * named is left alone; {@code sharedFields}, when given, replaces the set of publicly shared fields.
     */
    public Account patch(String accountId, Map<String, String> profile, List<String> sharedFields) {
        List<Problem.FieldError> errors = ProfileInput.errors();
        Map<ProfileField, String> values = ProfileInput.values(profile, "profile.", errors);
        Set<ProfileField> shared = sharedFields == null ? null
                : ProfileInput.shared(sharedFields, "sharedFields", errors);
        ProfileInput.failIfAny(errors);
        directory.open(accountId);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = locks.lock(accountId).filter(Account::isOpen)
                    .orElseThrow(() -> ProblemException.notFound("The account"));
            AccountDirectory.applyProfile(account, values);
            if (shared != null) {
                account.share(shared);
            }
            account.updatedAt = Instant.now(clock);
            return account;
        });
    }

    /** Only the fields the owner shares and has filled in; nothing at all for a closing or closed account. */
    public Map<String, String> publicProfile(String username) {
        Account account = QuarkusTransaction.joiningExisting().call(() -> Account.byUsername(username))
                .filter(a -> a.status == AccountStatus.ACTIVE)
                .orElseThrow(() -> ProblemException.notFound("The public profile"));
        Map<String, String> shared = new LinkedHashMap<>();
        for (ProfileField field : account.sharedFields()) {
            String value = field.valueOf(account);
            if (value != null) {
                shared.put(field.jsonName(), value);
            }
        }
        return shared;
    }
}
