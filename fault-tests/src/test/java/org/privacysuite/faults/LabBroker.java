package org.privacysuite.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.privacysuite.testsupport.ServiceProcess;

/**
 * The lab's own Kafka broker on 29092/29093 (never the shared 19092 or 9092), so that killing it hits nobody else.
 * infra/kafka.sh starts it (fresh data); after a kill -9 it is started again on the same data directory with the
 * same command line, as a broker restarted by its supervisor would be, and kafka.sh can still stop it by pid file.
 */
final class LabBroker {

    static final int PORT = 29092;
    static final int CONTROLLER_PORT = 29093;

    private final Path root = ServiceProcess.repositoryRoot();
    private final Path runDir = Processes.workDir().resolve("infra");
    private final Path kafkaDir = runDir.resolve("kafka");

    String bootstrap() {
        return "127.0.0.1:" + PORT;
    }

    void start() {
        Process script = Processes.start(List.of("bash", root.resolve("infra/kafka.sh").toString(), "start"), env(),
                Processes.workDir().resolve("logs/kafka-sh.log"));
        try {
            if (script.waitFor() != 0) {
                throw new IllegalStateException("infra/kafka.sh start failed:\n"
                        + ServiceProcess.tail(Processes.workDir().resolve("logs/kafka-sh.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        try {
            return Long.parseLong(Files.readString(kafkaDir.resolve("kafka.pid")).trim());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void kill9() {
        Processes.kill9(pid());
        Processes.await("broker port closed", Duration.ofSeconds(20), () -> !Processes.answers(PORT));
    }

    /** Starts the killed broker again on its data, the way kafka.sh launches it (setsid, pid file). */
    void restart() {
        String version = kafkaVersion();
        String cache = System.getenv().getOrDefault("PRIVACY_SUITE_CACHE",
                System.getProperty("user.home") + "/.cache/privacy-suite");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String launch = "echo $$ > '" + kafkaDir.resolve("kafka.pid") + "'; exec '" + java + "' -Xmx256m -XX:+UseG1GC"
                + " -Dlog4j2.configurationFile='" + root.resolve("infra/kafka/log4j2.xml") + "' -cp '" + cache
                + "/kafka-" + version + "/libs/*' kafka.Kafka '" + kafkaDir.resolve("server.properties") + "'";
        Processes.start(List.of("setsid", "bash", "-c", launch), Map.of(), kafkaDir.resolve("kafka.log"));
        Processes.await("broker back on " + PORT, Duration.ofSeconds(60), () -> Processes.answers(PORT));
    }

    void stop() {
        Process script = Processes.start(List.of("bash", root.resolve("infra/kafka.sh").toString(), "stop"), env(),
                Processes.workDir().resolve("logs/kafka-sh.log"));
        try {
            script.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, String> env() {
        return Map.of("KAFKA_PORT", Integer.toString(PORT), "KAFKA_CONTROLLER_PORT", Integer.toString(CONTROLLER_PORT),
                "PRIVACY_SUITE_RUN_DIR", runDir.toString());
    }

    private String kafkaVersion() {
        try {
            return Files.readAllLines(root.resolve("infra/kafka.sh")).stream()
                    .filter(l -> l.startsWith("KAFKA_VERSION=")).findFirst().orElseThrow().substring(14).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
