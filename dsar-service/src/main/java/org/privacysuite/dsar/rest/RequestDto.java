package org.privacysuite.dsar.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.privacysuite.dsar.domain.IdentityProof;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;

/**
 * A request as its owner or an officer sees it; {@code participants} show each service's progress, {@code changes}
 * the corrections a RECTIFICATION asks for (owner and officer only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestDto(String id, RequestType type, Jurisdiction jurisdiction, RequestStatus status,
        Instant receivedAt, Instant dueAt, Instant acknowledgeBy, boolean overdue, Instant extendedAt,
        String extensionReason, String denialReason, String stalledReason, String reply, Instant fulfilledAt,
        Instant closedAt, String message, String email, String subjectId, String source,
        List<ParticipantDto> participants, List<IdentityDto> identities, Map<String, String> changes) {

    /**
     * An identity the request names and how it was proven ({@code proof} null: an address still awaiting its mailed
     * code, which the request does not act on). Shown to the owner and officers only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IdentityDto(String kind, String value, IdentityProof proof, Instant provenAt) {
    }

    /**
     * {@code records}/{@code retained}: an erasure's answer per record type; {@code fields}: a rectification's answer
     * per field ({@code field}, {@code outcome} CHANGED, UNCHANGED or REFUSED, {@code reason}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParticipantDto(String service, String outcome, Instant deferredUntil, String reason,
            Object records, Object retained, Object fields, int asks, Instant askedAt, Instant answeredAt) {
    }
}
