package org.privacysuite.account.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.AccountStatus;
import org.privacysuite.account.domain.ClosureCause;
import org.privacysuite.account.domain.ProfileField;
import org.privacysuite.account.identity.IdentityUser;
import org.privacysuite.account.identity.KeycloakAccounts;
import org.privacysuite.commons.problem.ProblemException;

/**
 * Finds the account of a subject id. A Keycloak user that never used account-service (the demo users, a user an
 * administrator created) gets its profile row on first use, after Keycloak confirms the user exists, so that a
 * token alone (valid for minutes after a deletion) can never bring an erased account back.
 */
@ApplicationScoped
public class AccountDirectory {

    private static final Logger LOG = Logger.getLogger(AccountDirectory.class);

    @Inject
    KeycloakAccounts keycloak;

    @Inject
    ProfileStore store;

    /** The open (active or closure-pending) account, provisioned from Keycloak if needed; otherwise 404. */
    public Account open(String accountId) {
        Account account = find(accountId).or(() -> provision(accountId, null)).orElseThrow(() -> notFound());
        if (account.status == AccountStatus.CLOSED) {
            throw closed();
        }
        return account;
    }

    public Optional<Account> find(String accountId) {
        return QuarkusTransaction.joiningExisting().call(() -> Account.<Account>findByIdOptional(accountId));
    }

    /**
     * Creates the profile row of an existing Keycloak user; empty if Keycloak has no such user. {@code pendingFor}
     * creates it already pending closure (for an erasure request).
     */
    public Optional<Account> provision(String accountId, ClosureCause pendingFor) {
        Optional<IdentityUser> user = keycloak.find(accountId);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.provision(user.get(), pendingFor));
        } catch (PersistenceException e) {
            // Created concurrently by another request: use that one.
            LOG.debugf("Account %s was provisioned concurrently: %s", accountId, e.getMessage());
            return find(accountId);
        }
    }

    /** 404 with its own type: the token may outlive the account by minutes. */
    static ProblemException closed() {
        return new ProblemException(404, "account-closed", "Account closed", "The account is closed");
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("The account");
    }

    /** The profile the given values describe; null values leave a field empty. */
    static void applyProfile(Account account, Map<ProfileField, String> values) {
        values.forEach((field, value) -> field.set(account, value == null || value.isBlank() ? null : value.strip()));
    }

    static Account newAccount(String id, String username, AccountStatus status, Instant now) {
        Account account = new Account();
        account.id = id;
        account.username = username;
        account.status = status;
        account.createdAt = now;
        account.updatedAt = now;
        account.share(Set.of());
        return account;
    }
}
