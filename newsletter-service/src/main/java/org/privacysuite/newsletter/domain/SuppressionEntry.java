package org.privacysuite.newsletter.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An erased or objecting address (or one unsubscribed long ago), kept only as a keyed hash so that it is never mailed
 * again without a fresh opt-in.
 */
@Entity
@Table(name = "suppression_entry")
public class SuppressionEntry extends PanacheEntityBase {

    /** The address was erased at the person's request. */
    public static final String REASON_ERASURE = "ERASURE";
    /** The address's owner objected to direct marketing (GDPR Art. 21(2)-(3)): the subscription ended at once. */
    public static final String REASON_OBJECTION = "OBJECTION";
    /** The address unsubscribed and its record has since been deleted. */
    public static final String REASON_UNSUBSCRIBED = "UNSUBSCRIBED";

    @Id
    @Column(name = "email_hash")
    public String emailHash;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;
}
