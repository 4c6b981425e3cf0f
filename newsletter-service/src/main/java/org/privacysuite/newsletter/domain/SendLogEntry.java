package org.privacysuite.newsletter.domain;

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
import java.util.Collection;
import java.util.List;

/** Which subscriber got which issue: the idempotency record of sending. */
@Entity
@Table(name = "send_log")
@IdClass(SendLogEntry.Key.class)
public class SendLogEntry extends PanacheEntityBase {

    @Id
    @Column(name = "issue_id")
    public String issueId;

    @Id
    @Column(name = "subscriber_id")
    public String subscriberId;

    @Enumerated(EnumType.STRING)
    public SendStatus status;

    public int attempts;

    public boolean personalised;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Kind of the last failure (an exception class, never a server message that may quote the address). */
    public String failure;

    public static List<SendLogEntry> ofSubscribers(Collection<String> subscriberIds) {
        return subscriberIds.isEmpty() ? List.of() : list("subscriberId in ?1 order by updatedAt", subscriberIds);
    }

    public static long deleteOfSubscribers(Collection<String> subscriberIds) {
        return subscriberIds.isEmpty() ? 0 : delete("subscriberId in ?1", subscriberIds);
    }

    public record Key(String issueId, String subscriberId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
