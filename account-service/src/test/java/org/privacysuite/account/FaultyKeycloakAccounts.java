package org.privacysuite.account;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.privacysuite.account.identity.IdentityUnavailableException;
import org.privacysuite.account.identity.IdentityUser;
import org.privacysuite.account.identity.KeycloakAccounts;
import org.privacysuite.events.catalogue.RectificationCompleted.FieldResult;

/** The real Keycloak client, which tests can make fail for one username or user id (Keycloak down midway). */
@Alternative
@Priority(1)
@ApplicationScoped
@ActivateRequestContext
public class FaultyKeycloakAccounts extends KeycloakAccounts {

    static final Set<String> FAIL_CREATE = ConcurrentHashMap.newKeySet();
    static final Set<String> FAIL_DISABLE = ConcurrentHashMap.newKeySet();
    static final Set<String> FAIL_DELETE = ConcurrentHashMap.newKeySet();
    static final Set<String> FAIL_CORRECT = ConcurrentHashMap.newKeySet();
    /** User ids and (lower-case) e-mail addresses whose look-up fails. */
    static final Set<String> FAIL_LOOKUP = ConcurrentHashMap.newKeySet();

    static void reset() {
        FAIL_CREATE.clear();
        FAIL_DISABLE.clear();
        FAIL_DELETE.clear();
        FAIL_CORRECT.clear();
        FAIL_LOOKUP.clear();
    }

    @Override
    public Optional<IdentityUser> find(String id) {
        if (FAIL_LOOKUP.contains(id)) {
            throw new IdentityUnavailableException("look the account up", new IllegalStateException("simulated"));
        }
        return super.find(id);
    }

    @Override
    public Optional<IdentityUser> findByEmail(String email) {
        if (FAIL_LOOKUP.contains(email.toLowerCase(java.util.Locale.ROOT))) {
            throw new IdentityUnavailableException("look the account up", new IllegalStateException("simulated"));
        }
        return super.findByEmail(email);
    }

    @Override
    public String create(String username, String email, String password) {
        if (FAIL_CREATE.contains(username)) {
            throw new IdentityUnavailableException("create the account", new IllegalStateException("simulated"));
        }
        return super.create(username, email, password);
    }

    @Override
    public boolean disable(String id) {
        if (FAIL_DISABLE.contains(id)) {
            throw new IdentityUnavailableException("disable the account", new IllegalStateException("simulated"));
        }
        return super.disable(id);
    }

    @Override
    public Optional<List<FieldResult>> correct(String id, String username, String email) {
        if (FAIL_CORRECT.contains(id)) {
            throw new IdentityUnavailableException("correct the account", new IllegalStateException("simulated"));
        }
        return super.correct(id, username, email);
    }

    @Override
    public boolean delete(String id) {
        if (FAIL_DELETE.contains(id)) {
            throw new IdentityUnavailableException("delete the account", new IllegalStateException("simulated"));
        }
        return super.delete(id);
    }
}
