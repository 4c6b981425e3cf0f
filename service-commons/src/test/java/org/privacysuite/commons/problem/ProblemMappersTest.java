package org.privacysuite.commons.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTest extends CommonsTestBase {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void validationFailureListsEveryField() {
        given().contentType("application/json").body("{\"username\":\"\",\"email\":\"nope\",\"age\":-1}")
                .when().post("/probe/signup")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://privacy-suite.org/problems/validation"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/probe/signup"))
                .body("errors.field", containsInAnyOrder("username", "email", "age"));
    }

    @Test
    void invalidQueryParameterIsNamed() {
        given().when().get("/probe/paged?limit=0")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void malformedJsonIsBadRequest() {
        given().contentType("application/json").body("{\"username\": ")
                .when().post("/probe/signup")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://privacy-suite.org/problems/malformed-body"));
    }

    @Test
    void wrongValueTypeNamesTheField() {
        given().contentType("application/json").body("{\"username\":\"a\",\"email\":\"a@example.com\",\"age\":\"old\"}")
                .when().post("/probe/signup")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("age"));
    }

    @Test
    void domainProblemKeepsItsStatusAndType() {
        given().when().get("/probe/conflict")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://privacy-suite.org/problems/duplicate-username"))
                .body("title", equalTo("Username taken"))
                .body("detail", equalTo("The username alice is taken"));
    }

    @Test
    void unexpectedFailureHidesInternals() {
        given().when().get("/probe/bug")
                .then().statusCode(500).contentType(PROBLEM)
                .body(not(containsString("secret internal detail")));
    }

    @Test
    void wrongMethodIsProblemWithTheAllowedMethods() {
        given().when().delete("/probe/conflict")
                .then().statusCode(405).contentType(PROBLEM)
                .header("Allow", "GET, HEAD, OPTIONS")
                .body("status", equalTo(405));
        given().when().put("/probe/signup")
                .then().statusCode(405).contentType(PROBLEM)
                .header("Allow", "OPTIONS, POST");
        given().when().delete("/probe/items/42/")
                .then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS, PATCH");
    }

    @Test
    void pathTemplatesMatchOneSegmentPerVariableOrTheirOwnRegex() {
        assertTrue(AllowedMethods.template("/api/things/{id}").matcher("/api/things/abc").matches());
        assertFalse(AllowedMethods.template("/api/things/{id}").matcher("/api/things/a/b").matches());
        assertTrue(AllowedMethods.template("/v1/{n: [0-9]{2}}/x").matcher("/v1/42/x").matches());
        assertFalse(AllowedMethods.template("/v1/{n: [0-9]{2}}/x").matcher("/v1/4/x").matches());
        assertTrue(AllowedMethods.template("/api//things/").matcher("/api/things").matches());
    }

    @Test
    void unsupportedMediaTypeIsProblem() {
        given().contentType("text/plain").body("hello")
                .when().post("/probe/signup")
                .then().statusCode(415).contentType(PROBLEM);
    }
}
