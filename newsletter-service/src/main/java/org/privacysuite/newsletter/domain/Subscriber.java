package org.privacysuite.newsletter.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One address's subscription, with the topics it receives. */
@Entity
@Table(name = "subscriber")
@org.hibernate.annotations.DynamicUpdate
public class Subscriber extends PanacheEntityBase {

    @Id
    public String id;

    /** The address mail is sent to: trimmed, domain lower-cased, local part as given. */
    public String email;

    /** The canonical address (all lower case): what identifies it. */
    @Column(name = "email_key")
    public String emailKey;

    @Enumerated(EnumType.STRING)
    public SubscriptionStatus status;

    /** The Keycloak sub of the account this subscription belongs to, if linked. */
    @Column(name = "account_id")
    public String accountId;

    /** The device that subscribed (its consent cookie id), whose browsing may personalise the issues. */
    @Column(name = "device_id")
    public String deviceId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "subscriber_topic", joinColumns = @JoinColumn(name = "subscriber_id"))
    @Column(name = "topic_key")
    public Set<String> topics = new TreeSet<>();

    @Column(name = "subscribed_at")
    public Instant subscribedAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    /** Last mail sent outside issues (confirmation, notice): throttles what a stranger can trigger. */
    @Column(name = "last_mail_at")
    public Instant lastMailAt;

    @Column(name = "after_suppression")
    public boolean afterSuppression;

    public boolean isActive() {
        return status == SubscriptionStatus.PENDING || status == SubscriptionStatus.CONFIRMED;
    }

    /** The subjects whose browsing may personalise this subscriber's issues: the account, then the device. */
    public List<String> personalisationSubjects() {
        return java.util.stream.Stream.of(accountId, deviceId).filter(s -> s != null).distinct().toList();
    }

    public static Optional<Subscriber> byEmailKey(String emailKey) {
        return find("emailKey", emailKey).firstResultOptional();
    }

    public static Optional<Subscriber> byAccount(String accountId) {
        return find("accountId = ?1 order by subscribedAt desc", accountId).firstResultOptional();
    }

    /** Subscriptions held under any of these identifiers (account, device ids, canonical addresses). */
    public static List<Subscriber> ofIdentities(Collection<String> subjects, Collection<String> emailKeys) {
        List<String> s = subjects.isEmpty() ? List.of("-") : List.copyOf(subjects);
        List<String> e = emailKeys.isEmpty() ? List.of("-") : List.copyOf(emailKeys);
        return list("accountId in ?1 or deviceId in ?1 or emailKey in ?2 order by subscribedAt", s, e);
    }

    /** An active subscription linked to this device or account: browsing is collected only for subscribers. */
    public static boolean activeFor(String subject) {
        return count("(accountId = ?1 or deviceId = ?1) and status in ?2", subject,
                List.of(SubscriptionStatus.PENDING, SubscriptionStatus.CONFIRMED)) > 0;
    }
}
