package org.privacysuite.newsletter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.privacysuite.commons.problem.Problem;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.newsletter.domain.Topic;

/** The topics subscribers choose from and issues' sections belong to. */
@ApplicationScoped
public class TopicCatalogue {

    public static final String TOPIC_KEY = "[a-z0-9][a-z0-9-]{0,63}";

    @Inject
    Clock clock;

    public List<Topic> all() {
        return Topic.all();
    }

    public Map<String, Topic> byKey() {
        return Topic.all().stream().collect(Collectors.toMap(t -> t.key, Function.identity()));
    }

    /** @throws ProblemException 400 naming every unknown topic */
    public void requireKnown(String field, Collection<String> topics) {
        Map<String, Topic> known = byKey();
        List<Problem.FieldError> errors = new ArrayList<>();
        int i = 0;
        for (String topic : topics) {
            if (!known.containsKey(topic)) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", "unknown topic " + topic));
            }
            i++;
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    public List<String> titlesOf(Collection<String> topics) {
        Map<String, Topic> known = byKey();
        return topics.stream().sorted().map(t -> known.containsKey(t) ? known.get(t).title : t).toList();
    }

    @Transactional
    public Upserted upsert(String key, String title, String description) {
        Topic topic = Topic.findById(key);
        boolean created = topic == null;
        if (created) {
            topic = new Topic();
            topic.key = key;
        }
        topic.title = title;
        topic.description = description;
        topic.updatedAt = Instant.now(clock);
        if (created) {
            topic.persist();
        }
        return new Upserted(topic, created);
    }

    public record Upserted(Topic topic, boolean created) {
    }
}
