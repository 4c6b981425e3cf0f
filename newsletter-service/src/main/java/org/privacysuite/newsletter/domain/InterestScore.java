package org.privacysuite.newsletter.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * One row of a subject's interest profile: how often pages of a topic were viewed, collected under one consent
 * purpose. {@code score} is a decaying count as of {@code updatedAt} (see {@code InterestDecay}); nothing else is
 * kept: no page, no time of each visit.
 */
@Entity
@Table(name = "interest_score")
@IdClass(InterestScore.Key.class)
public class InterestScore extends PanacheEntityBase {

    @Id
    @Column(name = "subject_id")
    public String subjectId;

    /** The consent purpose the row was collected under ({@link InterestPurpose#key}). */
    @Id
    public String purpose;

    @Id
    @Column(name = "topic_key")
    public String topicKey;

    public double score;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<InterestScore> ofSubjects(Collection<String> subjects) {
        return subjects.isEmpty() ? List.of()
                : list("subjectId in ?1 order by subjectId, purpose, score desc, topicKey", subjects);
    }

    public static List<InterestScore> ofSubjects(Collection<String> subjects, InterestPurpose purpose) {
        return subjects.isEmpty() ? List.of()
                : list("subjectId in ?1 and purpose = ?2 order by score desc, topicKey", subjects, purpose.key);
    }

    public static long deleteOfSubjects(Collection<String> subjects) {
        return subjects.isEmpty() ? 0 : delete("subjectId in ?1", subjects);
    }

    public static long deleteOfSubjects(Collection<String> subjects, InterestPurpose purpose) {
        return subjects.isEmpty() ? 0 : delete("subjectId in ?1 and purpose = ?2", subjects, purpose.key);
    }

    public record Key(String subjectId, String purpose, String topicKey) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
