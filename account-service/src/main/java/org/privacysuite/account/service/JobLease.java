package org.privacysuite.account.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lets one replica at a time run a job: the round runs while its transaction holds the lease row locked with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (accepted by MySQL 8 and MariaDB 10.6+); a replica that finds the row
 * locked skips its round. The work itself commits in its own transactions, so a round that dies midway loses nothing
 * but its lock. Correctness does not rest on the lease alone: each account's changes take the account's row lock.
 */
@ApplicationScoped
public class JobLease {

    /** Upper bound of a round; the database releases the lease if the process dies. */
    private static final int LEASE_TIMEOUT_SECONDS = 600;

    @Inject
    EntityManager em;

    public <T> Optional<T> tryRun(String name, Supplier<T> work) {
        return QuarkusTransaction.requiringNew().timeout(LEASE_TIMEOUT_SECONDS).call(() -> {
            boolean leased = !em.createNativeQuery(
                    "SELECT name FROM account_job_lease WHERE name = :name FOR UPDATE SKIP LOCKED")
                    .setParameter("name", name).getResultList().isEmpty();
            return leased ? Optional.ofNullable(work.get()) : Optional.<T>empty();
        });
    }
}
