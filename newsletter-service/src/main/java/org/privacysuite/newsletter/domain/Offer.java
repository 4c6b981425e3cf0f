package org.privacysuite.newsletter.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An offer of the catalogue (marketing's): no personal data. */
@Entity
@Table(name = "offer")
public class Offer extends PanacheEntityBase {

    @Id
    @Column(name = "offer_key")
    public String key;

    public String title;

    public String description;

    /** Where the offer leads: a path on the site or an https URL (checked when written). */
    public String link;

    /** Comma-separated topic keys (keys never contain commas). */
    public String topics;

    @Column(name = "valid_from")
    public Instant validFrom;

    @Column(name = "valid_until")
    public Instant validUntil;

    /** The place in the non-personalised order everyone gets; lower first. */
    @Column(name = "fallback_rank")
    public int fallbackRank;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    public List<String> topicList() {
        return Arrays.asList(topics.split(","));
    }

    public static List<Offer> all() {
        return list("order by fallbackRank, key");
    }
}
