package org.privacysuite.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.privacysuite.testsupport.ServiceProcess;

/**
 * A throwaway MariaDB server of the lab's own on 23306 with its own data directory, so that "the consumer's database
 * is unavailable" can be a real dead server (kill -9, then a restart with crash recovery) without touching the shared
 * one on 3306.
 */
final class ScratchDatabase {

    static final int PORT = 23306;

    private final Path dataDir = Processes.workDir().resolve("mariadb");
    private final Path log = Processes.workDir().resolve("logs/mariadb.log");
    private Process process;

    String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + PORT + "/" + database;
    }

    void install() throws Exception {
        if (Files.isDirectory(dataDir)) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dataDir);
        Process install = Processes.start(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dataDir,
                "--user=" + user(), "--skip-test-db", "--auth-root-authentication-method=normal"), Map.of(), log);
        if (install.waitFor() != 0) {
            throw new IllegalStateException("mariadb-install-db failed:\n" + ServiceProcess.tail(log));
        }
    }

    void start() {
        process = Processes.start(List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + dataDir,
                "--port=" + PORT, "--bind-address=127.0.0.1", "--socket=" + dataDir.resolve("sock"),
                "--pid-file=" + dataDir.resolve("mariadbd.pid"), "--user=" + user(), "--skip-grant-tables",
                "--skip-log-bin", "--innodb-buffer-pool-size=64M", "--skip-name-resolve"), Map.of(), log);
        Processes.await("scratch MariaDB on " + PORT, Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited:\n" + ServiceProcess.tail(log));
            }
            try (Connection c = connect("")) {
                return true;
            } catch (SQLException e) {
                return false;
            }
        });
    }

    void createDatabase(String name) throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE IF NOT EXISTS " + name);
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?connectTimeout=1000", "root", "");
    }

    void kill9() {
        Processes.kill9(process.pid());
    }

    void stop() {
        Processes.stop(process);
    }

    private static String user() {
        return System.getProperty("user.name");
    }
}
