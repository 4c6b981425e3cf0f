package org.privacysuite.account;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.ProfileField;
import org.privacysuite.account.service.ProfileStore;

/**
 * The real database step of sign-up, which a test can make fail after the rows were written (the transaction then
 * rolls back), as a database failing after Keycloak already created the user.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FaultyProfileStore extends ProfileStore {

    static final Set<String> FAIL_AFTER_INSERT = ConcurrentHashMap.newKeySet();

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Account create(String id, String username, Map<ProfileField, String> profile, Set<ProfileField> shared) {
        Account account = super.create(id, username, profile, shared);
        if (FAIL_AFTER_INSERT.contains(username)) {
            throw new IllegalStateException("simulated database failure after the profile insert");
        }
        return account;
    }
}
