package org.privacysuite.consent.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The current choice of a subject for a purpose: the latest ledger decision, kept in step in the same transaction. */
@Entity
@Table(name = "consent_state")
@IdClass(ConsentState.Key.class)
public class ConsentState extends PanacheEntityBase {

    @Id
    @Column(name = "subject_id")
    public String subjectId;

    @Id
    @Column(name = "purpose_key")
    public String purposeKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type")
    public SubjectType subjectType;

    public boolean granted;

    @Column(name = "notice_version")
    public int noticeVersion;

    public boolean gpc;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "record_id")
    public String recordId;

    @Column(name = "record_seq")
    public long recordSeq;

    /** Decided after {@code other}; decisions in the same instant are ordered by their place in the ledger. */
    public boolean isLaterThan(ConsentState other) {
        int byTime = decidedAt.compareTo(other.decidedAt);
        return byTime > 0 || byTime == 0 && recordSeq > other.recordSeq;
    }

    public static List<ConsentState> ofSubject(String subjectId) {
        return list("subjectId = ?1 order by purposeKey", subjectId);
    }

    public static Optional<ConsentState> of(String subjectId, String purposeKey) {
        return findByIdOptional(new Key(subjectId, purposeKey));
    }

    public record Key(String subjectId, String purposeKey) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
