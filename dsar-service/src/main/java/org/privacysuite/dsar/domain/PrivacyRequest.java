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
import org.privacysuite.events.catalogue.ObjectionScope;

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

    /** The language notices are written in: {@code en} or {@code fr}. */
    public String language = "en";

    /** What an OBJECTION covers; null for other types. */
    @Enumerated(EnumType.STRING)
    @Column(name = "objection_scope")
    public ObjectionScope objectionScope;

    /** The device a cookie-only visitor proved by holding its id ({@link IdentityProof#DEVICE_HELD}). */
    @Column(name = "device_id")
    public String deviceId;

    /**
     * The identities the saga acts on, resolved once when it starts ({@code IdentityResolution}): the proven ones
     * plus the account behind a proven address, the account's verified address and its linked devices. JSON; null
     * until resolved.
     */
    @Column(name = "identities_json")
    public String identitiesJson;

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

    /** When the request reached a final status; the retention of its contact data counts from here. */
    @Column(name = "ended_at")
    public Instant endedAt;

    /** Contact details removed after their retention period (docs/retention.md). */
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

    /** A request proven by a device alone belongs to whoever holds that device id. */
    public boolean isHeldBy(String device) {
        return deviceId != null && device != null && deviceId.equals(device) && subjectId == null;
    }

    public static List<PrivacyRequest> ofSubject(String subjectId) {
        return list("subjectId = ?1 order by receivedAt desc", subjectId);
    }
}
