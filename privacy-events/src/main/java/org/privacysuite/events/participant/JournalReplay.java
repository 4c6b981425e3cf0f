package org.privacysuite.events.participant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.privacysuite.events.catalogue.ErasureJournaled;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;

/**
 * After a restore, brings back the erasures the restored database has forgotten: at start, before the service
 * consumes or serves, if {@code erasure_journal_replay} has a row without {@code done_at}, reads the erasure journal
 * from the earliest such {@code replay_from} to its end and hands every journaled request (once per request id,
 * whichever participant journaled it) to the participant's own erasure code, each in its own transaction, with the
 * addresses the participant recognises behind the line's keyed hashes; then marks the rows done. Not through the inbox: its rows were restored too, and re-applying an erasure the data already
 * reflects finds nothing. A failure stops the start: a service that cannot replay must not serve resurrected people.
 * Readiness ({@code erasure journal replay}) is DOWN while the replay runs, in case HTTP is already open.
 */
@Readiness
@ApplicationScoped
public class JournalReplay implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(JournalReplay.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    @Inject
    DataSource dataSource;

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    Instance<PrivacyRequestParticipant> participants;

    @Inject
    JournalKeys keys;

    private volatile boolean replaying;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("erasure journal replay").status(!replaying).build();
    }

    /** After the topics exist (10), before the participant's consumer starts (100). */
    void onStart(@Observes @Priority(50) StartupEvent event) throws SQLException {
        replayPending();
    }

    /** Replays the journal if a restore asked for it ({@code erasure_journal_replay}); a no-op otherwise. */
    public void replayPending() throws SQLException {
        Optional<Instant> from = pendingReplayFrom();
        if (from.isEmpty()) {
            return;
        }
        replaying = true;
        int replayed = 0;
        if (participants.isResolvable()) {
            PrivacyRequestParticipant participant = participants.get();
            Map<UUID, ErasureJournaled> journal = read(from.get(), participant.service());
            Set<String> hashes = journal.values().stream().flatMap(e -> e.emailHashes().stream())
                    .collect(Collectors.toSet());
            Map<String, String> addresses = hashes.isEmpty() ? Map.of() : QuarkusTransaction.requiringNew()
                    .call(() -> participant.addressesByJournalHash(hashes, keys));
            for (ErasureJournaled entry : journal.values()) {
                List<String> emails = entry.emailHashes().stream().map(addresses::get).filter(Objects::nonNull).toList();
                QuarkusTransaction.requiringNew().run(() -> erase(participant, entry, emails));
            }
            replayed = journal.size();
        }
        markDone();
        replaying = false;
        LOG.infof("Erasure journal replayed from %s: %d erasure request(s) re-applied", from.get(), replayed);
    }

    private static void erase(PrivacyRequestParticipant participant, ErasureJournaled entry, List<String> emails) {
        try {
            participant.erase(entry.asRequest(emails));
        } catch (Exception e) {
            throw new IllegalStateException("Replaying erasure request " + entry.requestId() + " failed", e);
        }
    }

    /** The journal's entries since {@code from}, one per request, in journal order. */
    Map<UUID, ErasureJournaled> read(Instant from, String service) {
        Map<UUID, ErasureJournaled> entries = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = clients.newConsumer(service + ".erasure-journal-replay")) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ERASURE_JOURNAL, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> query = new LinkedHashMap<>();
            partitions.forEach(p -> query.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query);
            // A partition with nothing newer than `from` starts at its end: nothing to replay there.
            partitions.forEach(p -> consumer.seek(p, start.get(p) == null ? end.get(p) : start.get(p).offset()));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    codec.decode(record).data().filter(ErasureJournaled.class::isInstance)
                            .map(ErasureJournaled.class::cast)
                            .ifPresent(e -> entries.putIfAbsent(e.requestId(), e));
                }
            }
        }
        return entries;
    }

    private Optional<Instant> pendingReplayFrom() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT MIN(replay_from) FROM erasure_journal_replay WHERE done_at IS NULL");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            // UTC, as written by infra/db.sh and the production procedure (UTC_TIMESTAMP)
            LocalDateTime from = rs.getObject(1, LocalDateTime.class);
            return Optional.ofNullable(from).map(t -> t.toInstant(ZoneOffset.UTC));
        }
    }

    private void markDone() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE erasure_journal_replay SET done_at = UTC_TIMESTAMP(6) WHERE done_at IS NULL")) {
            s.executeUpdate();
        }
    }
}
