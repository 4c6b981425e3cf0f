package org.privacysuite.account.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.privacysuite.events.catalogue.HoldSummary;

/** An obligation that keeps an account open until it is released or its end date passes. */
@Entity
@Table(name = "account_hold")
public class Hold extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "account_id")
    public String accountId;

    public String reason;

    @Column(name = "hold_until")
    public Instant until;

    public String reference;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "released_at")
    public Instant releasedAt;

    @Column(name = "released_by")
    public String releasedBy;

    public boolean isActiveAt(Instant now) {
        return releasedAt == null && until.isAfter(now);
    }

    public HoldSummary summary() {
        return new HoldSummary(java.util.UUID.fromString(id), reason, until, reference);
    }

    /** Holds not released whose end date is still ahead, soonest first. */
    public static List<Hold> activeOf(String accountId, Instant now) {
        return list("accountId = ?1 and releasedAt is null and until > ?2 order by until, id", accountId, now);
    }

    public static List<Hold> allOf(String accountId) {
        return list("accountId = ?1 order by createdAt, id", accountId);
    }

    /** The expected closure date: the latest end date of the active holds. */
    public static Optional<Instant> latestEnd(List<Hold> active) {
        return active.stream().map(h -> h.until).max(Comparator.naturalOrder());
    }
}
