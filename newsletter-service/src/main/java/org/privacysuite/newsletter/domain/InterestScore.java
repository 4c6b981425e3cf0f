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

/** One row of a subject's interest profile: how often pages of a topic were viewed (with consent). */
@Entity
@Table(name = "interest_score")
@IdClass(InterestScore.Key.class)
public class InterestScore extends PanacheEntityBase {

    @Id
    @Column(name = "subject_id")
    public String subjectId;

    @Id
    @Column(name = "topic_key")
    public String topicKey;

    public long score;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<InterestScore> ofSubjects(Collection<String> subjects) {
        return subjects.isEmpty() ? List.of() : list("subjectId in ?1 order by subjectId, score desc, topicKey", subjects);
    }

    public static long deleteOfSubjects(Collection<String> subjects) {
        return subjects.isEmpty() ? 0 : delete("subjectId in ?1", subjects);
    }

    public record Key(String subjectId, String topicKey) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
