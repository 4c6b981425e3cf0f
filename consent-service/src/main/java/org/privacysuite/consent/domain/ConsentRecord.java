package org.privacysuite.consent.domain;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.Immutable;

/**
 * One decision in the append-only consent ledger. Hibernate never updates it ({@link Immutable}); only erasure
 * rewrites rows, with explicit SQL.
 */
@Entity
@Immutable
@Table(name = "consent_record")
public class ConsentRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "record_id")
    public String recordId;

    @Column(name = "receipt_id")
    public String receiptId;

    @Column(name = "subject_id")
    public String subjectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type")
    public SubjectType subjectType;

    @Column(name = "purpose_key")
    public String purposeKey;

    public boolean granted;

    @Column(name = "notice_version")
    public int noticeVersion;

    /** {@link CollectionMethod#wire()} */
    public String method;

    @Enumerated(EnumType.STRING)
    public ConsentSource source;

    @Column(name = "page_url")
    public String pageUrl;

    @Column(name = "user_agent_family")
    public String userAgentFamily;

    @Column(name = "ip_truncated")
    public String ipTruncated;

    public boolean gpc;

    @Column(name = "origin_subject_id")
    public String originSubjectId;

    /** When the person decided; differs from recordedAt for decisions merged from a device. */
    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    public boolean anonymised;

    public static List<ConsentRecord> ofSubjects(List<String> subjectIds) {
        return list("subjectId in ?1 order by seq", subjectIds);
    }

    public static Optional<ConsentRecord> byRecordId(String recordId) {
        return find("recordId", recordId).firstResultOptional();
    }

    /** The records of these receipts in {@code seq} order, read a thousand receipts per query. */
    public static List<ConsentRecord> ofReceipts(List<String> receiptIds) {
        List<ConsentRecord> records = new ArrayList<>();
        for (int from = 0; from < receiptIds.size(); from += 1000) {
            records.addAll(list("receiptId in ?1 order by seq", receiptIds.subList(from, Math.min(from + 1000, receiptIds.size()))));
        }
        records.sort(Comparator.comparingLong(r -> r.seq));
        return records;
    }
}
