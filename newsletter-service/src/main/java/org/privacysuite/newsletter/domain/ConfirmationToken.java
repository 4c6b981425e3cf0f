package org.privacysuite.newsletter.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A confirmation link's token, stored only as its SHA-256: a database leak reveals no working link. */
@Entity
@Table(name = "confirmation_token")
public class ConfirmationToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "subscriber_id")
    public String subscriberId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Comma-separated topic keys the subscription gets when this link is confirmed. */
    public String topics;

    @Column(name = "device_id")
    public String deviceId;

    public java.util.List<String> topicList() {
        return topics.isEmpty() ? java.util.List.of() : java.util.Arrays.asList(topics.split(","));
    }

    /** Revokes the open links of a subscriber (a newer link replaces them, or the subscription ended). */
    public static long revokeOpen(String subscriberId, Instant now) {
        return update("revokedAt = ?1 where subscriberId = ?2 and usedAt is null and revokedAt is null", now,
                subscriberId);
    }
}
