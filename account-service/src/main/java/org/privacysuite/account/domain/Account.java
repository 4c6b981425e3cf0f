package org.privacysuite.account.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A Keycloak user's profile here; the id is the Keycloak subject id. The password lives in Keycloak only. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public String id;

    public String username;

    @Column(name = "display_name")
    public String displayName;

    public String bio;

    public String city;

    public String website;

    @Column(name = "avatar_url")
    public String avatarUrl;

    @Column(name = "shared_fields")
    String sharedFields = "";

    @Enumerated(EnumType.STRING)
    public AccountStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "closure_cause")
    public ClosureCause closureCause;

    @Column(name = "closure_requested_at")
    public Instant closureRequestedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "identity_deleted_at")
    public Instant identityDeletedAt;

    @Column(name = "data_removed_at")
    public Instant dataRemovedAt;

    @Column(name = "app_usage_withdrawn_at_ms")
    public Long appUsageWithdrawnAtMs;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public Set<ProfileField> sharedFields() {
        if (sharedFields == null || sharedFields.isBlank()) {
            return EnumSet.noneOf(ProfileField.class);
        }
        return Arrays.stream(sharedFields.split(",")).map(ProfileField::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProfileField.class)));
    }

    public void share(Set<ProfileField> fields) {
        sharedFields = fields.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    public boolean isOpen() {
        return status != AccountStatus.CLOSED;
    }

    /** Removes every personal field; the row stays as a tombstone that says the account was closed. */
    public void anonymise() {
        username = null;
        for (ProfileField field : ProfileField.values()) {
            field.set(this, null);
        }
        sharedFields = "";
    }

    public static Optional<Account> byUsername(String username) {
        return find("username", username.toLowerCase(java.util.Locale.ROOT)).firstResultOptional();
    }
}
