package org.privacysuite.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a test run its own fresh database on the real MySQL-compatible server and drops it afterwards. The server is
 * {@code DB_HOST}:{@code DB_PORT} (127.0.0.1:3306) with {@code DB_ROOT_USER}/{@code DB_ROOT_PASSWORD} (root, empty);
 * if it does not answer, {@code infra/db.sh ensure} starts the machine's MariaDB.
 * Init arg {@code name} prefixes the database name so a leftover one says which module made it.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "pst_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private String name = "test";
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        name = initArgs.getOrDefault("name", name).replaceAll("[^a-z0-9]", "");
    }

    @Override
    public Map<String, String> start() {
        database = create(name);
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", username(),
                "quarkus.datasource.password", password());
    }

    /** Creates a fresh database named after {@code name} (starting the server if needed); returns its name. */
    public static String create(String name) {
        String host = Infra.env("DB_HOST", "127.0.0.1");
        String port = Infra.env("DB_PORT", "3306");
        if (!Infra.answers(host, Integer.parseInt(port))) {
            Infra.run("db.sh", 90, "ensure");
        }
        String database = PREFIX + name.replaceAll("[^a-z0-9]", "") + "_" + LocalDateTime.now().format(STAMP) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = rootConnection(); Statement statement = connection.createStatement()) {
            dropLeftovers(statement);
            statement.executeUpdate("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database, e);
        }
        return database;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:mysql://" + Infra.env("DB_HOST", "127.0.0.1") + ":" + Infra.env("DB_PORT", "3306") + "/" + database;
    }

    public static String username() {
        return Infra.env("DB_ROOT_USER", "root");
    }

    public static String password() {
        return Infra.env("DB_ROOT_PASSWORD", "");
    }

    public static void drop(String database) {
        try (Connection connection = rootConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DROP DATABASE IF EXISTS " + database);
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
    }

    /** Removes databases that runs killed before {@link #stop()} left behind more than a day ago. */
    private static void dropLeftovers(Statement statement) throws SQLException {
        String dayAgo = LocalDateTime.now().minusDays(1).format(STAMP);
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SHOW DATABASES LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                String[] parts = rs.getString(1).split("_");
                if (parts.length >= 4 && parts[parts.length - 2].compareTo(dayAgo) < 0) {
                    stale.add(rs.getString(1));
                }
            }
        }
        for (String db : stale) {
            statement.executeUpdate("DROP DATABASE IF EXISTS " + db);
        }
    }

    @Override
    public void stop() {
        if (database != null) {
            drop(database);
        }
    }

    private static Connection rootConnection() throws SQLException {
        String url = "jdbc:mysql://" + Infra.env("DB_HOST", "127.0.0.1") + ":" + Infra.env("DB_PORT", "3306") + "/";
        return DriverManager.getConnection(url, Infra.env("DB_ROOT_USER", "root"), Infra.env("DB_ROOT_PASSWORD", ""));
    }
}
