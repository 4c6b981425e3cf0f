package org.privacysuite.newsletter.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@Entity
@Table(name = "topic")
public class Topic extends PanacheEntityBase {

    @Id
    @Column(name = "topic_key")
    public String key;

    public String title;

    public String description;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<Topic> all() {
        return list("order by key");
    }

    public static Set<String> keys() {
        return all().stream().map(t -> t.key).collect(Collectors.toSet());
    }
}
