package org.privacysuite.consent.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.Immutable;

/** The receipt handed out for one recorded change; its purposes are the ledger records sharing its id. */
@Entity
@Immutable
@Table(name = "consent_receipt")
public class ConsentReceipt extends PanacheEntityBase {

    @Id
    @Column(name = "receipt_id")
    public String receiptId;

    @Column(name = "subject_id")
    public String subjectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type")
    public SubjectType subjectType;

    @Column(name = "collection_method")
    public String collectionMethod;

    @Enumerated(EnumType.STRING)
    public ConsentSource source;

    public boolean gpc;

    @Column(name = "page_url")
    public String pageUrl;

    @Column(name = "issued_at")
    public Instant issuedAt;

    public boolean anonymised;

    public static List<ConsentReceipt> ofSubjects(List<String> subjectIds) {
        return list("subjectId in ?1 order by issuedAt desc", subjectIds);
    }
}
