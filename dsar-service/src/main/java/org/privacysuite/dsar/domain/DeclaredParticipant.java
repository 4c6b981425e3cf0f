package org.privacysuite.dsar.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

/**
 * A service that declared itself a participant of privacy requests (privacy.participants), with its latest
 * declaration. Retired by an officer when it is gone for good; a later declaration makes it active again.
 */
@Entity
@Table(name = "declared_participant")
public class DeclaredParticipant extends PanacheEntityBase {

    @Id
    public String service;

    /** The declaration as published: record types with their erasure action, processing activities. */
    @Column(name = "declaration_json")
    public String declarationJson;

    @Column(name = "declared_at")
    public Instant declaredAt;

    @Column(name = "retired_at")
    public Instant retiredAt;

    @Column(name = "retired_by")
    public String retiredBy;

    @Version
    public long version;

    /** Asked in new sagas: declared and not retired since. */
    public boolean isActive() {
        return retiredAt == null || declaredAt.isAfter(retiredAt);
    }

    public static List<DeclaredParticipant> all() {
        return list("order by service");
    }

    /** The services new sagas ask, in name order. */
    public static List<String> activeServices() {
        return all().stream().filter(DeclaredParticipant::isActive).map(p -> p.service).toList();
    }
}
