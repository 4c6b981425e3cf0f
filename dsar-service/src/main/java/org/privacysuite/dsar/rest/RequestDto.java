package org.privacysuite.dsar.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;

/** A request as its owner or an officer sees it; {@code participants} show each service's progress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestDto(String id, RequestType type, Jurisdiction jurisdiction, RequestStatus status,
        Instant receivedAt, Instant dueAt, Instant acknowledgeBy, boolean overdue, Instant extendedAt,
        String extensionReason, String denialReason, String stalledReason, String reply, Instant fulfilledAt,
        Instant closedAt, String message, String email, String subjectId, String source,
        List<ParticipantDto> participants) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParticipantDto(String service, String outcome, Instant deferredUntil, String reason,
            Object records, Object retained, int asks, Instant askedAt, Instant answeredAt) {
    }
}
