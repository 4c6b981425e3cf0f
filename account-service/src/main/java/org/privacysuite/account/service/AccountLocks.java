package org.privacysuite.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.privacysuite.account.domain.Account;

/**
 * Serialises the changes of one account (closure, holds, erasure, consent withdrawal, usage collection) with a row
 * lock held until the transaction ends. Plain {@code SELECT ... FOR UPDATE} in native SQL: Hibernate's pessimistic
 * lock would write {@code FOR UPDATE OF <alias>}, which MariaDB rejects. The datasource runs READ COMMITTED, so what
 * is read after the lock is what was committed before it was granted.
 */
@ApplicationScoped
public class AccountLocks {

    @Inject
    EntityManager em;

    /** Locks the account's row and loads it fresh; empty when there is no row. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Account> lock(String accountId) {
        boolean exists = !em.createNativeQuery("SELECT id FROM account WHERE id = :id FOR UPDATE")
                .setParameter("id", accountId).getResultList().isEmpty();
        if (!exists) {
            return Optional.empty();
        }
        Account account = em.find(Account.class, accountId);
        em.refresh(account);
        return Optional.of(account);
    }
}
