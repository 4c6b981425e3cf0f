package org.privacysuite.consent.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A purpose of processing with its current notice; earlier notice texts are kept in {@link PurposeNotice}. */
@Entity
@Table(name = "purpose")
public class Purpose extends PanacheEntityBase {

    @Id
    @Column(name = "purpose_key")
    public String key;

    public String title;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_basis")
    public LegalBasis legalBasis;

    /**
     * Opted out of by a Global Privacy Control signal; by CCPA regulations §7025 that is an opt-out of sale and
     * sharing, so this is also the mark of the purposes that sell or share (an opt-out-of-sale refuses them).
     */
    @Column(name = "gpc_governed")
    public boolean gpcGoverned;

    /** Direct marketing, including the profiling related to it: an objection (GDPR Art. 21(2)) refuses it. */
    @Column(name = "direct_marketing")
    public boolean directMarketing;

    /** Stores or reads information on the visitor's device (cookies): needs consent unless strictly necessary. */
    @Column(name = "device_storage")
    public boolean deviceStorage;

    /** Strictly necessary: no consent needed and it cannot be refused. */
    public boolean required;

    @Column(name = "purpose_category")
    public String purposeCategory;

    /** Comma-separated categories of personal data the purpose uses. */
    @Column(name = "pii_categories")
    public String piiCategories;

    public String termination;

    @Column(name = "third_party_disclosure")
    public boolean thirdPartyDisclosure;

    @Column(name = "current_version")
    public int currentVersion;

    @Column(name = "reconsent_from_version")
    public int reconsentFromVersion;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> piiCategoryList() {
        return piiCategories == null || piiCategories.isBlank() ? List.of()
                : Arrays.stream(piiCategories.split(",")).map(String::trim).toList();
    }

    public boolean needsConsent() {
        return !required && legalBasis.needsConsent();
    }

    /** A yes given to an older notice no longer counts once the notice changed materially. */
    public boolean reconsentRequired(boolean granted, int noticeVersion) {
        return granted && noticeVersion < reconsentFromVersion;
    }
}
