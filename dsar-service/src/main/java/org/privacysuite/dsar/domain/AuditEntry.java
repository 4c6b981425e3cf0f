package org.privacysuite.dsar.domain;

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
import org.hibernate.annotations.Immutable;

/**
 * One line of a request's append-only audit trail: who did what, when, and the status change it caused, sealed with
 * a keyed hash chained to the request's previous line. The database refuses updates and deletes (Liquibase dsar-15).
 */
@Entity
@Immutable
@Table(name = "request_audit")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "request_id")
    public String requestId;

    public Instant at;

    /** Who: an officer's or subject's id, or {@code system:<component>}. */
    public String actor;

    public String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public RequestStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public RequestStatus toStatus;

    public String detail;

    /** The keyed hash of the request's previous entry; null for its first (or one written before sealing). */
    @Column(name = "prev_hash")
    public String prevHash;

    /** The keyed hash of this entry's content and {@link #prevHash} ({@code AuditSeal}). */
    @Column(name = "entry_hash")
    public String entryHash;

    public static List<AuditEntry> of(String requestId) {
        return list("requestId = ?1 order by seq", requestId);
    }
}
