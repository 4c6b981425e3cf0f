package org.privacysuite.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Makes sure a real Kafka broker answers for the test run: uses the one at {@code TEST_KAFKA_BOOTSTRAP_SERVERS}
 * (default 127.0.0.1:19092) or starts one there through {@code infra/kafka.sh} and stops it when the test JVM
 * exits. Tests keep off 9092 so that a locally running {@code ./suite up}, whose services consume the same topics,
 * never answers the events a test sends.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static final String HOST = "127.0.0.1";
    private static final int TEST_PORT = 19092;
    private static boolean startedByUs;

    @Override
    public Map<String, String> start() {
        String bootstrap = testBootstrapServers();
        ensureRunning(bootstrap);
        // Own consumer groups per run: a broker may be shared with other runs or a local ./suite up.
        return Map.of("kafka.bootstrap.servers", bootstrap,
                "privacy.events.consumer.group-id-prefix", "test-" + UUID.randomUUID() + ".");
    }

    public static String testBootstrapServers() {
        return Infra.env("TEST_KAFKA_BOOTSTRAP_SERVERS", HOST + ":" + TEST_PORT);
    }

    public static synchronized String ensureRunning(String bootstrap) {
        String first = bootstrap.split(",")[0];
        String host = first.substring(0, first.lastIndexOf(':'));
        int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
        if (!Infra.answers(host, port)) {
            if (!HOST.equals(host)) {
                throw new IllegalStateException("No Kafka broker answers at " + bootstrap);
            }
            Map<String, String> ports = Map.of("KAFKA_PORT", Integer.toString(port),
                    "KAFKA_CONTROLLER_PORT", Integer.toString(port + 1));
            String output = Infra.run("kafka.sh", 180, ports, "start");
            if (Infra.launched(output) && !startedByUs) {
                startedByUs = true;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Infra.run("kafka.sh", 60, ports, "stop")));
            }
        }
        return bootstrap;
    }

    @Override
    public void stop() {
        // A broker we started serves every test class of this JVM; the shutdown hook stops it.
    }
}
