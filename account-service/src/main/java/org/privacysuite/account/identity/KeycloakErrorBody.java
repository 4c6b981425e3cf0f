package org.privacysuite.account.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;

/**
 * What an error body of Keycloak's admin API says: its human-readable reason ({@code error_description} for policies,
 * {@code errorMessage}, or {@code error}) and, for a validation error, the {@code field}. A body that is not JSON
 * says nothing.
 */
record KeycloakErrorBody(Optional<String> message, Optional<String> field) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static KeycloakErrorBody of(String body) {
        JsonNode json = parse(body);
        if (json == null) {
            return new KeycloakErrorBody(Optional.empty(), Optional.empty());
        }
        Optional<String> message = Optional.empty();
        for (String name : List.of("error_description", "errorMessage", "error")) {
            if (json.hasNonNull(name)) {
                message = Optional.of(json.get(name).asText());
                break;
            }
        }
        return new KeycloakErrorBody(message,
                json.hasNonNull("field") ? Optional.of(json.get("field").asText()) : Optional.empty());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
