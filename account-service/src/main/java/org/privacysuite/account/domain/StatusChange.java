package org.privacysuite.account.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One step of an account's status history (part of the access export). */
@Entity
@Table(name = "account_status_change")
public class StatusChange extends PanacheEntityBase {

    /** Why the status changed. */
    public enum Cause {
        SIGNED_UP,
        /** A Keycloak user created elsewhere (the demo users, an administrator) used account-service for the first time. */
        PROVISIONED,
        CLOSURE_REQUESTED,
        CLOSURE_CANCELLED,
        ERASURE_REQUESTED,
        CLOSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "account_id")
    public String accountId;

    @Enumerated(EnumType.STRING)
    public AccountStatus status;

    @Enumerated(EnumType.STRING)
    public Cause cause;

    @Column(name = "changed_at")
    public Instant changedAt;

    public static void record(String accountId, AccountStatus status, Cause cause, Instant at) {
        StatusChange change = new StatusChange();
        change.accountId = accountId;
        change.status = status;
        change.cause = cause;
        change.changedAt = at;
        change.persist();
    }

    public static List<StatusChange> of(String accountId) {
        return list("accountId = ?1 order by seq", accountId);
    }
}
