package org.privacysuite.dsar.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A mail written in the same transaction as the change it tells about and sent after that commits. The body (codes,
 * links) is encrypted at rest and the row is deleted once the relay has taken the mail.
 */
@Entity
@Table(name = "mail_outbox")
public class QueuedMail extends PanacheEntityBase {

    @Id
    public String id;

    public String recipient;

    public String subject;

    @Column(name = "body_encrypted")
    public byte[] bodyEncrypted;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When the next attempt may start; moved ahead while one is under way, so replicas do not send it twice. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;
}
