package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.service.DsarJobs;
import org.privacysuite.testsupport.TestTokens;

/**
 * Issue #15, item 5: the audit trail is tamper-evident. The service's own database user cannot change or remove an
 * entry (triggers); someone who drops a trigger and edits a row behind the service's back is caught by
 * {@code GET /api/privacy-requests/{id}/audit/verify}.
 */
@QuarkusTest
class AuditTamperTest extends DsarTestBase {

    private static final String NO_UPDATE = "CREATE TRIGGER request_audit_no_update BEFORE UPDATE ON request_audit"
            + " FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'request_audit is append-only: rows are never changed'";
    private static final String NO_DELETE = "CREATE TRIGGER request_audit_no_delete BEFORE DELETE ON request_audit"
            + " FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'request_audit is append-only: rows are never deleted'";

    @Inject
    AgroalDataSource database;

    @Inject
    DsarJobs jobs;

    private String requestWithTrail() {
        String subject = UUID.randomUUID().toString();
        String id = submit(TestTokens.user(subject), Map.of("type", "OBJECTION")).statusCode(201).extract().path("id");
        act(id, "extend", Map.of("months", 1, "reason", "Many systems")).statusCode(200);
        act(id, "deny", Map.of("reason", "other: test")).statusCode(200);
        jobs.runOnce(); // links the entries into the suite-wide chain
        return id;
    }

    private static io.restassured.response.ValidatableResponse verify(String id) {
        return given().auth().oauth2(TestTokens.officer()).get("/api/privacy-requests/" + id + "/audit/verify")
                .then().log().ifValidationFails().statusCode(200);
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private void sql(String statement, String requestId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement prepared = connection.prepareStatement(statement)) {
            prepared.setString(1, requestId);
            prepared.executeUpdate();
        }
    }

    @Test
    void anUntouchedTrailVerifies() {
        String id = requestWithTrail();
        verify(id).body("valid", equalTo(true)).body("problems", hasSize(0))
                .body("entries", equalTo(4)) // received, verified, extended, denied
                .body("head", matchesPattern("[0-9a-f]{64}")).body("suiteHead", matchesPattern("[0-9a-f]{64}"));
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString()))
                .get("/api/privacy-requests/" + id + "/audit/verify").then().statusCode(403);
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveAnEntryWhoeverAsks() {
        String id = requestWithTrail();
        assertThrows(SQLException.class, () -> sql("UPDATE request_audit SET detail = 'nothing happened'"
                + " WHERE request_id = ?", id));
        assertThrows(SQLException.class, () -> sql("DELETE FROM request_audit WHERE request_id = ?", id));
        assertThrows(SQLException.class, () -> sql("DELETE FROM audit_chain WHERE request_id = ?", id));
        verify(id).body("valid", equalTo(true));
    }

    @Test
    void anEntryEditedBehindTheServicesBackIsCaught() throws SQLException {
        String id = requestWithTrail();
        sql("DROP TRIGGER request_audit_no_update");
        try {
            sql("UPDATE request_audit SET detail = 'other: nothing to see' WHERE request_id = ? AND action = 'denied'",
                    id);
        } finally {
            sql(NO_UPDATE);
        }
        verify(id).body("valid", equalTo(false))
                .body("problems", hasItem(containsString("(denied) was changed after it was written")));
    }

    @Test
    void anEntryRemovedBehindTheServicesBackIsCaught() throws SQLException {
        String id = requestWithTrail();
        sql("DROP TRIGGER request_audit_no_delete");
        try {
            sql("DELETE FROM request_audit WHERE request_id = ? AND action = 'denied'", id); // the latest entry
        } finally {
            sql(NO_DELETE);
        }
        verify(id).body("valid", equalTo(false)).body("problems", hasItem(containsString("was removed")));
    }
}
