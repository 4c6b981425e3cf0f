package org.privacysuite.faults.app;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.events.kafka.InboundEvent;

/** The consumer side: records every application of a consent event, as newsletter-service would apply it. */
@ApplicationScoped
public class EffectConsumer {

    @Inject
    InboxConsumers consumers;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "fault.consumer.enabled")
    boolean enabled;

    @ConfigProperty(name = "fault.consumer.name")
    String name;

    /** Makes batches take a while, so that a kill lands mid-batch. */
    @ConfigProperty(name = "fault.consumer.delay")
    Duration delay;

    void onStart(@Observes @Priority(200) StartupEvent event) {
        if (enabled) {
            consumers.start(name, List.of(Topics.CONSENT_EVENTS), this::apply);
        }
    }

    void apply(InboundEvent event) throws Exception {
        if (!(event.data().orElse(null) instanceof ConsentChanged change)) {
            return;
        }
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO fault_effect"
                        + " (consumer, event_id, subject_id, subject_seq, granted) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, event.id());
            insert.setString(3, change.subjectId());
            if (event.subjectSeq().isPresent()) {
                insert.setLong(4, event.subjectSeq().getAsLong());
            } else {
                insert.setNull(4, java.sql.Types.BIGINT);
            }
            insert.setBoolean(5, change.granted());
            insert.executeUpdate();
        }
    }
}
