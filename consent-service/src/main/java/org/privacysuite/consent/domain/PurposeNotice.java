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

/** One published version of a purpose's notice, as the person saw it. */
@Entity
@Table(name = "purpose_notice")
@IdClass(PurposeNotice.Key.class)
public class PurposeNotice extends PanacheEntityBase {

    @Id
    @Column(name = "purpose_key")
    public String purposeKey;

    @Id
    public int version;

    public String title;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_basis")
    public LegalBasis legalBasis;

    @Column(name = "material_change")
    public boolean materialChange;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_by")
    public String publishedBy;

    public record Key(String purposeKey, int version) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
