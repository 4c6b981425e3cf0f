package org.privacysuite.dsar.service;

import io.micrometer.core.annotation.Timed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;

/**
 * Periodic work: starting sagas that wait for their identities, re-asking silent participants, removing contact data
 * after its retention, deleting expired export data and ended throttle windows; then sending mails the relay
 * refused before. Every replica schedules it; the lease row makes one replica do a round while the others
 * skip it.
 */
@ApplicationScoped
public class DsarJobs {

    private static final String LEASE = "SELECT name FROM job_lease WHERE name = 'dsar-jobs' FOR UPDATE SKIP LOCKED";

    @Inject
    EntityManager em;

    @Inject
    ParticipantReasks reasks;

    @Inject
    SagaCoordinator saga;

    @Inject
    AuditTrail audit;

    @Inject
    ContactRetention retention;

    @Inject
    AuditChain auditChain;

    @Inject
    ExportLinks exportLinks;

    @Inject
    AnswerAssembly assembly;

    @Inject
    RequestThrottle throttle;

    @Inject
    MailDelivery mails;

    @Inject
    DsarConfig config;

    @Inject
    Clock clock;

    /** Timed ({@code dsar_jobs_round_seconds}): each round must cost the same with 10 or 10 million requests. */
    @Scheduled(every = "${dsar.jobs.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Timed(value = "dsar.jobs.round", description = "One round of dsar-service's periodic jobs")
    void scheduled() {
        runOnce();
        mails.deliverDue(); // outside the lease: each mail is claimed on its own, and no transaction waits for SMTP
    }

    /** One round; returns false when another replica holds the lease. */
    public boolean runOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (em.createNativeQuery(LEASE).getResultList().isEmpty()) {
                return false;
            }
            Instant now = Instant.now(clock);
            saga.startWaiting();
            reasks.reaskOverdue(now);
            retention.apply(now);
            purgeExports(now);
            throttle.purgeExpired();
            auditChain.link(now); // last: with the entries this round wrote
            return true;
        });
    }

    private void purgeExports(Instant now) {
        exportLinks.purgeExpired(now);
        Instant cutoff = now.minus(config.export().retention());
        assembly.purgeIncompleteBefore(cutoff);
        List<PrivacyRequest> expired = PrivacyRequest.list("exportDataHeld = true and fulfilledAt < ?1", cutoff);
        for (PrivacyRequest request : expired) {
            Participant.update("dataEncrypted = null, answerId = null where requestId = ?1"
                    + " and (dataEncrypted is not null or answerId is not null)", request.id);
            assembly.deleteOf(request.id);
            request.exportDataHeld = false;
            audit.note(request, AuditTrail.SYSTEM, "export-deleted", "retention of " + config.export().retention());
        }
    }
}
