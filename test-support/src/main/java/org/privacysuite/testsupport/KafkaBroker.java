package org.privacysuite.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes sure a real Kafka broker answers for the test run: uses the one at {@code KAFKA_BOOTSTRAP_SERVERS}
 * (default 127.0.0.1:9092) or starts one through {@code infra/kafka.sh} and stops it when the test JVM exits.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static final String HOST = "127.0.0.1";
    private static boolean startedByUs;

    @Override
    public Map<String, String> start() {
        String bootstrap = Infra.env("KAFKA_BOOTSTRAP_SERVERS", HOST + ":9092");
        ensureRunning(bootstrap);
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    public static synchronized String ensureRunning(String bootstrap) {
        String first = bootstrap.split(",")[0];
        String host = first.substring(0, first.lastIndexOf(':'));
        int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
        if (!Infra.answers(host, port)) {
            if (!HOST.equals(host)) {
                throw new IllegalStateException("No Kafka broker answers at " + bootstrap);
            }
            Infra.run("kafka.sh", 180, "start");
            if (!startedByUs) {
                startedByUs = true;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Infra.run("kafka.sh", 60, "stop")));
            }
        }
        return bootstrap;
    }

    @Override
    public void stop() {
        // A broker we started serves every test class of this JVM; the shutdown hook stops it.
    }
}
