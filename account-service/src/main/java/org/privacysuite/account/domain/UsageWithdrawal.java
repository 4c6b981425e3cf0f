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

/** The record that a withdrawal of app-usage-data consent deleted what had been collected: counts, no usage data. */
@Entity
@Table(name = "app_usage_withdrawal")
public class UsageWithdrawal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "consent_event_id")
    public String consentEventId;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "processed_at")
    public Instant processedAt;

    @Column(name = "deleted_count")
    public long deletedCount;

    public static List<UsageWithdrawal> of(String accountId) {
        return list("accountId = ?1 order by seq", accountId);
    }
}
