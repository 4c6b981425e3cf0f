package org.privacysuite.commons.problem;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A row with an optimistic-lock version, for the conflict tests. */
@Entity
@Table(name = "versioned_probe")
public class VersionedProbe extends PanacheEntityBase {

    @Id
    public String id;

    public String label;

    @Version
    public long version;
}
