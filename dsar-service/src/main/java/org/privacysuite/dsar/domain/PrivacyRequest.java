package org.privacysuite.dsar.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A data subject request and where it stands. The email and message are personal data; DTOs decide who sees them. */
@Entity
@Table(name = "privacy_request")
public class PrivacyRequest extends PanacheEntityBase {

    /** Request ids are UUIDs (also the Data Rights Protocol's {@code request_id}). */
    public static final String ID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    public RequestType type;

    @Enumerated(EnumType.STRING)
    public Jurisdiction jurisdiction;

    @Enumerated(EnumType.STRING)
    public RequestStatus status;

    @Enumerated(EnumType.STRING)
    public RequestSource source;

    /** Keycloak subject id of a signed-in requester; null for a request by email only. */
    @Column(name = "subject_id")
    public String subjectId;

    /** How {@link #subjectId} was proven; null without a subject. */
    @Enumerated(EnumType.STRING)
    @Column(name = "subject_proof")
    public IdentityProof subjectProof;

    /**
     * The address the requester gave (or the token's). Only once {@link #emailProof} is set does the request act on
     * it; before, it is just where the verification code goes.
     */
    public String email;

    @Enumerated(EnumType.STRING)
    @Column(name = "email_proof")
    public IdentityProof emailProof;

    @Column(name = "email_proven_at")
    public Instant emailProvenAt;

    public String message;

    /** Field corrections of a RECTIFICATION request, as JSON. */
    @Column(name = "changes_json")
    public String changesJson;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    /** CCPA: confirm receipt within 10 business days. */
    @Column(name = "acknowledge_by")
    public Instant acknowledgeBy;

    @Column(name = "extended_at")
    public Instant extendedAt;

    @Column(name = "extension_reason")
    public String extensionReason;

    @Column(name = "denial_reason")
    public String denialReason;

    public String reply;

    @Column(name = "stalled_reason")
    public String stalledReason;

    @Column(name = "fulfilled_at")
    public Instant fulfilledAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Contact details removed (questions, after their retention period). */
    @Column(name = "anonymised_at")
    public Instant anonymisedAt;

    /**
     * {@link RequestStatus#isOpen()} as the database computes it (a stored generated column, Liquibase dsar-11), for
     * the queue's indexes; read-only here and stale within a transaction that changes the status.
     */
    @Column(name = "queue_open", insertable = false, updatable = false)
    public boolean queueOpen;

    /** Participants' copies of the person's data are kept for the export; the job deletes them after retention. */
    @Column(name = "export_data_held")
    public boolean exportDataHeld;

    @Version
    public long version;

    /** The address this request may act on and send mail to: only a proven one. */
    public Optional<String> provenEmail() {
        return emailProof == null ? Optional.empty() : Optional.ofNullable(email);
    }

    public void proveEmail(IdentityProof proof, Instant at) {
        emailProof = proof;
        emailProvenAt = at;
    }

    public boolean isOwnedBy(String subject) {
        return subjectId != null && subjectId.equals(subject);
    }

    public static List<PrivacyRequest> ofSubject(String subjectId) {
        return list("subjectId = ?1 order by receivedAt desc", subjectId);
    }
}
