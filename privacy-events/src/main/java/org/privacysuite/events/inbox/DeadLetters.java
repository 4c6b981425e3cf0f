package org.privacysuite.events.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.KafkaClients;

/**
 * Moves a record that cannot be processed to {@code <topic>.dlq}: same key, value and CloudEvents headers, plus
 * headers saying where it came from, how often it was tried and why it failed.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dlq-reason";
    public static final String EXCEPTION = "dlq-exception";
    public static final String ATTEMPTS = "dlq-attempts";
    public static final String CONSUMER = "dlq-consumer";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    private static final int MAX_REASON_LENGTH = 1000;

    @Inject
    KafkaClients clients;

    @Inject
    MeterRegistry registry;

    /** Sends and waits for the acknowledgement; an exception means the record must not be skipped. */
    public void send(String consumer, ConsumerRecord<String, byte[]> record, Throwable failure, int attempts) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetterTopicOf(record.topic()), null,
                record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        dead.headers().add(REASON, utf8(truncate(String.valueOf(failure.getMessage()))));
        dead.headers().add(EXCEPTION, utf8(failure.getClass().getName()));
        dead.headers().add(ATTEMPTS, utf8(Integer.toString(attempts)));
        dead.headers().add(CONSUMER, utf8(consumer));
        dead.headers().add(ORIGINAL_TOPIC, utf8(record.topic()));
        dead.headers().add(ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
        dead.headers().add(ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
        try {
            clients.producer().send(dead).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not dead-letter record " + record.topic() + "/" + record.partition()
                    + "@" + record.offset(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        }
        registry.counter("privacy.events.dlq", "consumer", consumer, "topic", record.topic()).increment();
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
