package org.privacysuite.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Issue #15, item 1: a service may store personal data only where its declaration says (the record of processing is
 * built from the declarations). Every table of the service's schema, read from {@code information_schema}, must be
 * named by a declared record type ({@code DeclaredRecordType.in}) or listed as holding no personal data, with why. A
 * new table fails the service's test until someone decides which it is.
 */
public final class RecordOfProcessingContract {

    /** The shared libraries' tables, which every service has, and why none holds a person's data of its own. */
    public static final Map<String, String> LIBRARY_TABLES = Map.of(
            "databasechangelog", "Liquibase's list of applied schema changes",
            "databasechangeloglock", "Liquibase's lock",
            "event_outbox", "events waiting for the broker: ids and facts; an access answer (a copy of a person's"
                    + " data) is deleted as soon as the broker has it, and the event catalogue documents each event",
            "event_outbox_lease", "which replica relays the outbox",
            "event_outbox_order", "the relay's ordering keys (subject ids only while events wait)",
            "event_inbox", "ids of events already handled, for idempotence",
            "erasure_journal_replay", "how far a restore replayed the erasure journal",
            "throttle_counter", "request counters under keyed hashes of client addresses, kept one window");

    private RecordOfProcessingContract() {
    }

    /** Fails naming every table that is neither declared nor listed as holding no personal data. */
    /** {@code declaredStores}: every store the service's record types name ({@code DeclaredRecordType.stores}). */
    public static void assertEveryTableDeclared(DataSource database, Iterable<String> declaredStores,
            Map<String, String> withoutPersonalData) throws SQLException {
        Set<String> covered = new TreeSet<>();
        declaredStores.forEach(store -> covered.add(store.toLowerCase(Locale.ROOT)));
        Map<String, String> explained = new LinkedHashMap<>(LIBRARY_TABLES);
        withoutPersonalData.forEach((table, why) -> explained.put(table.toLowerCase(Locale.ROOT), why));
        Set<String> tables = new TreeSet<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE()")) {
            while (rows.next()) {
                tables.add(rows.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        Set<String> undeclared = tables.stream().filter(t -> !covered.contains(t) && !explained.containsKey(t))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), undeclared, "tables no record type declares (DeclaredRecordType.in) and that are not"
                + " listed as holding no personal data");
        Set<String> gone = covered.stream().filter(s -> !s.contains(":") && !s.contains(".") && !tables.contains(s))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), gone, "declared stores that are not tables of the schema (a typo, or a dropped table)");
    }
}
