package org.privacysuite.newsletter.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Topics of a page a subject viewed: no URL, no address, no user agent; only what personalisation needs. */
@Entity
@Table(name = "browsing_event")
public class BrowsingEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subject_id")
    public String subjectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type")
    public SubjectType subjectType;

    /** Comma-separated topic keys (keys never contain commas). */
    public String topics;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public List<String> topicList() {
        return Arrays.asList(topics.split(","));
    }

    public static List<BrowsingEvent> ofSubjects(Collection<String> subjects) {
        return subjects.isEmpty() ? List.of() : list("subjectId in ?1 order by id", subjects);
    }

    public static long deleteOfSubjects(Collection<String> subjects) {
        return subjects.isEmpty() ? 0 : delete("subjectId in ?1", subjects);
    }
}
