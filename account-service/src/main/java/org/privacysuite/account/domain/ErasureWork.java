package org.privacysuite.account.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * An erasure request of dsar-service and where this service is with it. A request whose account still has holds is
 * answered DEFERRED at once and stays {@link Status#DEFERRED} until the lifecycle job erases the account and sends
 * the final answer; one that needs the identity provider first waits as {@link Status#PENDING}.
 */
@Entity
@Table(name = "erasure_request")
public class ErasureWork extends PanacheEntityBase {

    public enum Status {
        /** No answer sent yet: the lifecycle job finishes it. */
        PENDING,
        /** Answered DEFERRED; the final answer follows when the holds end. */
        DEFERRED,
        COMPLETED
    }

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "subject_id")
    public String subjectId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "identity_emails")
    public String identityEmails;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "deferred_until")
    public Instant deferredUntil;

    @Column(name = "deferred_reason")
    public String deferredReason;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "last_answer")
    public String lastAnswer;

    public List<String> emails() {
        return identityEmails == null || identityEmails.isBlank() ? List.of()
                : List.of(identityEmails.split(","));
    }

    public boolean isOpen() {
        return status != Status.COMPLETED;
    }

    public static List<ErasureWork> openOf(String accountId) {
        return list("accountId = ?1 and status <> ?2 order by receivedAt, requestId", accountId, Status.COMPLETED);
    }

    public static boolean hasOpen(String accountId) {
        return count("accountId = ?1 and status <> ?2", accountId, Status.COMPLETED) > 0;
    }

    /** Requests still waiting for an account to be found (the identity provider is asked by the lifecycle job). */
    public static List<ErasureWork> unresolved(int limit) {
        return find("accountId is null and status = ?1 order by receivedAt", Status.PENDING).page(0, limit).list();
    }
}
