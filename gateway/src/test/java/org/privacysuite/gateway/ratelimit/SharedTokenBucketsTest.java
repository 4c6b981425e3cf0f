package org.privacysuite.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.privacysuite.gateway.config.GatewayConfig;
import org.privacysuite.testsupport.TestDatabase;

/**
 * Two gateway replicas, each with its own connection to the real database and its own Vert.x, share one budget per
 * key: the pair admits the burst once, not once per replica, while the per-replica buckets admit it twice. (The
 * packaged gateway as two processes: e2e-tests' SharedRateLimitTest.)
 */
class SharedTokenBucketsTest {

    private static final GatewayConfig.Bucket TIGHT = new GatewayConfig.Bucket() {
        @Override
        public double requestsPerSecond() {
            return 0.001; // one token per 1000 s: nothing refills during the test
        }

        @Override
        public int burst() {
            return 5;
        }
    };

    private static String database;
    private static Vertx vertx;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create("gatewaylimits");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void dropDatabase() {
        vertx.close();
        TestDatabase.drop(database);
    }

    @Test
    void twoReplicasShareOneBudgetPerKey() throws Exception {
        List<Buckets> replicas = List.of(replica(), replica());
        int admitted = takeAlternately(replicas, "203.0.113.7", 12);
        assertEquals(TIGHT.burst(), admitted, "the pair admits the burst once");
        // Another key has its own budget, on either replica.
        assertEquals(0L, replicas.get(1).take("203.0.113.8").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        try (Connection connection = dataSource().getConnection();
                ResultSet ids = connection.createStatement().executeQuery("SELECT id FROM " + DatabaseBucketStore.TABLE)) {
            while (ids.next()) {
                assertTrue(ids.getString(1).matches("[0-9a-f]{64}"), "rows are keyed by a hash, not the address: " + ids.getString(1));
            }
        }
    }

    @Test
    void perReplicaBucketsAdmitTheBurstOncePerReplica() throws Exception {
        List<Buckets> replicas = List.of(new TokenBuckets("per-ip", TIGHT, 100), new TokenBuckets("per-ip", TIGHT, 100));
        assertEquals(2 * TIGHT.burst(), takeAlternately(replicas, "203.0.113.9", 12), "what sharing is for");
    }

    private static int takeAlternately(List<Buckets> replicas, String key, int requests) throws Exception {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            long retryAfter = replicas.get(i % replicas.size()).take(key).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            if (retryAfter == 0) {
                admitted++;
            } else {
                assertTrue(retryAfter > 0 && retryAfter <= 1000, "seconds until the next token: " + retryAfter);
            }
        }
        return admitted;
    }

    /** A replica: its own data source (connections) and store on the shared table. */
    private static Buckets replica() throws Exception {
        DatabaseBucketStore store = new DatabaseBucketStore(dataSource(), java.time.Duration.ofSeconds(2));
        store.createTable();
        return new SharedTokenBuckets("per-ip", TIGHT, store, vertx);
    }

    private static MysqlDataSource dataSource() {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL(TestDatabase.jdbcUrl(database));
        dataSource.setUser(TestDatabase.username());
        dataSource.setPassword(TestDatabase.password());
        return dataSource;
    }
}
