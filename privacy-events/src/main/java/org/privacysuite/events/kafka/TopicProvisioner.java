package org.privacysuite.events.kafka;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.config.EventsConfig;

/**
 * Creates the catalogue's topics and their dead-letter topics with enough partitions for per-subject ordering to
 * spread, where no operator manages topics (local runs and tests). In Kubernetes Strimzi's KafkaTopic does it.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private static final String MAX_MESSAGE = "max.message.bytes";
    private static final String MAX_MESSAGE_BYTES = Integer.toString(Topics.MAX_MESSAGE_BYTES);

    @Inject
    EventsConfig config;

    @Inject
    KafkaClients clients;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (config.topics().create()) {
            createMissingTopics();
        }
    }

    public void createMissingTopics() {
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : Topics.ALL) {
            wanted.add(withRetention(new NewTopic(topic, config.topics().partitions(),
                    config.topics().replicationFactor())));
            wanted.add(withRetention(new NewTopic(Topics.deadLetterTopicOf(topic), 1,
                    config.topics().replicationFactor())));
        }
        wanted.add(new NewTopic(Topics.ERASURE_JOURNAL, config.topics().partitions(),
                config.topics().replicationFactor()).configs(Map.of("retention.ms", "-1", MAX_MESSAGE, MAX_MESSAGE_BYTES)));
        try (Admin admin = clients.newAdmin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            allowLargeRecords(admin, wanted.stream().map(NewTopic::name).filter(existing::contains).toList());
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created topics %s", missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                // Not fatal: the broker may create topics itself, and readiness reports an unreachable broker.
                LOG.warnf(e.getCause(), "Could not create topics");
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf(e, "Could not create topics");
        }
    }

    /**
     * Topics made before the suite sent records over Kafka's default 1 MiB (a broker kept from an earlier version)
     * take {@link Topics#MAX_MESSAGE_BYTES} too; setting it again is harmless.
     */
    private static void allowLargeRecords(Admin admin, List<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (String topic : topics) {
            changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(new ConfigEntry(MAX_MESSAGE, MAX_MESSAGE_BYTES), AlterConfigOp.OpType.SET)));
        }
        admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
    }

    private static NewTopic withRetention(NewTopic topic) {
        if (Topics.isCompacted(topic.name())) {
            return topic.configs(Map.of("cleanup.policy", "compact", MAX_MESSAGE, MAX_MESSAGE_BYTES));
        }
        return topic.configs(Map.of("retention.ms", Long.toString(Topics.retentionOf(topic.name()).toMillis()),
                MAX_MESSAGE, MAX_MESSAGE_BYTES));
    }
}
