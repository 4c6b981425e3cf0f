package org.privacysuite.dsar.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.privacysuite.dsar.domain.IdentityProof;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.events.catalogue.ObjectionScope;

/**
 * A request as its owner or an officer sees it; {@code participants} show each service's progress, {@code changes}
 * the corrections a RECTIFICATION asks for (owner and officer only), {@code objection} what an OBJECTION covers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestDto(String id, RequestType type, Jurisdiction jurisdiction, RequestStatus status,
        Instant receivedAt, Instant dueAt, Instant acknowledgeBy, boolean overdue, Instant extendedAt,
        String extensionReason, String denialReason, String stalledReason, String reply, Instant fulfilledAt,
        Instant closedAt, String message, String email, String subjectId, String source,
        List<ParticipantDto> participants, List<IdentityDto> identities, Map<String, String> changes,
        ObjectionScope objection) {

    /**
     * An identity the request acts on and how it was proven ({@code proof} null: an address still awaiting its mailed
     * code, which the request does not act on), or how it was found from a proven one ({@code resolvedBy}, such as
     * the account behind a proven address). Shown to the owner and officers only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IdentityDto(String kind, String value, IdentityProof proof, Instant provenAt, String resolvedBy) {

        public IdentityDto(String kind, String value, IdentityProof proof, Instant provenAt) {
            this(kind, value, proof, provenAt, null);
        }
    }

    /**
     * {@code records}/{@code retained}: an erasure's answer per record type (an objection's: what it stopped,
     * {@code processing}, {@code action} REFUSED or ENDED, {@code count}); {@code fields}: a rectification's answer
     * per field ({@code field}, {@code outcome} CHANGED, UNCHANGED or REFUSED, {@code reason}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParticipantDto(String service, String outcome, Instant deferredUntil, String reason,
            Object records, Object retained, Object fields, int asks, Instant askedAt, Instant answeredAt) {
    }
}
