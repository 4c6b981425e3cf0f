package org.privacysuite.account.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One use of an appliance reported by the companion app, stored with app-usage-data consent only. */
@Entity
@Table(name = "app_usage_event")
public class AppUsageEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "usage_id")
    public String usageId;

    @Column(name = "account_id")
    public String accountId;

    public String appliance;

    public String program;

    @Column(name = "duration_seconds")
    public long durationSeconds;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "consent_notice_version")
    public Integer consentNoticeVersion;

    /** Newest first. */
    public static List<AppUsageEvent> of(String accountId, int limit) {
        return find("accountId = ?1 order by seq desc", accountId).page(0, limit).list();
    }

    public static List<AppUsageEvent> allOf(String accountId) {
        return list("accountId = ?1 order by seq", accountId);
    }

    public static long deleteOf(String accountId) {
        return delete("accountId", accountId);
    }
}
