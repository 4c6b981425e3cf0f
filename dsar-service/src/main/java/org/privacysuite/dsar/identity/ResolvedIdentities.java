package org.privacysuite.dsar.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.events.catalogue.Identities;

/**
 * The identities a request's saga acts on: the proven ones and those resolved from them. {@code subjectId}: the
 * account (the signed-in subject's, or the one behind a proven address); null without one. {@code found}: how each
 * resolved identity was found, for the audit trail and the officers, without the values.
 */
public record ResolvedIdentities(String subjectId, List<String> emails, List<String> deviceIds, List<String> found) {

    public ResolvedIdentities {
        emails = emails == null ? List.of() : List.copyOf(emails);
        deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
        found = found == null ? List.of() : List.copyOf(found);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the saga's commands carry. */
    public Identities identities() {
        return new Identities(emails, deviceIds);
    }

    /**
     * The request's resolved identities, or its proven ones while it has none resolved (a request that never ran a
     * saga, or one from before resolution existed).
     */
    public static ResolvedIdentities of(PrivacyRequest request) {
        if (request.identitiesJson != null) {
            try {
                return JSON.readValue(request.identitiesJson, ResolvedIdentities.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("identities of request " + request.id + " unreadable", e);
            }
        }
        return new ResolvedIdentities(request.subjectId, request.provenEmail().stream().toList(),
                request.deviceId == null ? List.of() : List.of(request.deviceId), List.of());
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
