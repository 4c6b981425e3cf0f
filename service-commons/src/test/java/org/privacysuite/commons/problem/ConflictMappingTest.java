package org.privacysuite.commons.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A write that lost a race is answered 409 problem+json, never 500, and leaves the winner's data in place. */
@QuarkusTest
class ConflictMappingTest extends CommonsTestBase {

    @Test
    void optimisticLockConflictIsConflict() {
        String id = UUID.randomUUID().toString();
        given().when().post("/probe/versioned/" + id).then().statusCode(200);

        given().when().post("/probe/versioned/" + id + "/stale-update")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/concurrent-update"))
                .body("status", equalTo(409));
        assertEquals("changed by the other request", label(id));
    }

    @Test
    void duplicateKeyIsConflict() {
        String id = UUID.randomUUID().toString();
        given().when().post("/probe/versioned/" + id).then().statusCode(200);

        given().when().post("/probe/versioned/" + id + "/duplicate")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/concurrent-update"));
        assertEquals("created", label(id));
    }

    @Transactional
    String label(String id) {
        return VersionedProbe.<VersionedProbe>findById(id).label;
    }
}
