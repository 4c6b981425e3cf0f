package org.privacysuite.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.domain.ClosureCause;
import org.privacysuite.account.domain.ProfileField;
import org.privacysuite.account.domain.StatusChange;
import org.privacysuite.account.identity.IdentityUser;

/** The database step of sign-up and provisioning: one transaction that either stores the whole profile or nothing. */
@ApplicationScoped
public class ProfileStore {

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Account create(String id, String username, Map<ProfileField, String> profile, Set<ProfileField> shared) {
        Instant now = Instant.now(clock);
        Account account = AccountDirectory.newAccount(id, username, AccountStatus.ACTIVE, now);
        AccountDirectory.applyProfile(account, profile);
        account.share(shared);
        account.persist();
        StatusChange.record(id, AccountStatus.ACTIVE, StatusChange.Cause.SIGNED_UP, now);
        account.flush(); // constraint violations surface here, inside the transaction
        return account;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Account provision(IdentityUser user, ClosureCause pendingFor) {
        Instant now = Instant.now(clock);
        Account account = AccountDirectory.newAccount(user.id(),
                user.username() == null ? null : user.username().toLowerCase(Locale.ROOT), AccountStatus.ACTIVE, now);
        account.persist();
        StatusChange.record(user.id(), AccountStatus.ACTIVE, StatusChange.Cause.PROVISIONED, now);
        if (pendingFor != null) {
            account.status = AccountStatus.CLOSURE_PENDING;
            account.closureCause = pendingFor;
            account.closureRequestedAt = now;
            StatusChange.record(user.id(), AccountStatus.CLOSURE_PENDING, StatusChange.Cause.ERASURE_REQUESTED, now);
        }
        account.flush();
        return account;
    }
}
