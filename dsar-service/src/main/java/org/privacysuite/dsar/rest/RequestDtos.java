package org.privacysuite.dsar.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.privacysuite.dsar.domain.AuditEntry;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.IdentityProof;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.identity.ResolvedIdentities;
import org.privacysuite.dsar.service.Rectifications;

/** Entity-to-DTO mapping; personal fields are filled only for the views allowed to see them. */
@ApplicationScoped
public class RequestDtos {

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    Rectifications rectifications;

    /** The answer to the requester who just sent it: no echo of personal data. */
    public RequestDto receipt(PrivacyRequest r) {
        return view(r, false);
    }

    /** Owner or officer. */
    public RequestDto full(PrivacyRequest r) {
        return view(r, true);
    }

    /** A page of the officers' (or an owner's) list: the participants of all its requests in one query. */
    public List<RequestDto> fullPage(List<PrivacyRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Map<String, List<Participant>> participants = Participant.<Participant>list(
                "requestId in ?1 order by requestId, service", requests.stream().map(r -> r.id).toList())
                .stream().collect(Collectors.groupingBy(p -> p.requestId));
        return requests.stream().map(r -> view(r, true, participants.getOrDefault(r.id, List.of()))).toList();
    }

    private RequestDto view(PrivacyRequest r, boolean personal) {
        return view(r, personal, Participant.of(r.id));
    }

    private RequestDto view(PrivacyRequest r, boolean personal, List<Participant> participants) {
        boolean overdue = r.status.isOpen() && Instant.now(clock).isAfter(r.dueAt);
        return new RequestDto(r.id, r.type, r.jurisdiction, r.status, r.receivedAt, r.dueAt, r.acknowledgeBy, overdue,
                r.extendedAt, r.extensionReason, r.denialReason, r.stalledReason, personal ? r.reply : null,
                r.fulfilledAt, r.closedAt, personal ? r.message : null, personal ? r.email : null,
                personal ? r.subjectId : null, r.source.name(),
                participants.stream().map(this::participant).toList(), personal ? identities(r) : null,
                personal && r.type.correctsData() ? rectifications.changes(r) : null, r.objectionScope);
    }

    private static List<RequestDto.IdentityDto> identities(PrivacyRequest r) {
        List<RequestDto.IdentityDto> identities = new ArrayList<>();
        if (r.subjectId != null) {
            identities.add(new RequestDto.IdentityDto("subject", r.subjectId, r.subjectProof, r.receivedAt));
        }
        if (r.email != null) {
            identities.add(new RequestDto.IdentityDto("email", r.email, r.emailProof, r.emailProvenAt));
        }
        if (r.deviceId != null) {
            identities.add(new RequestDto.IdentityDto("device", r.deviceId, IdentityProof.DEVICE_HELD, r.receivedAt));
        }
        if (r.identitiesJson != null) {
            // What the saga found from the proven identities (docs/identity.md, Reach).
            ResolvedIdentities resolved = ResolvedIdentities.of(r);
            if (resolved.subjectId() != null && !resolved.subjectId().equals(r.subjectId)) {
                identities.add(new RequestDto.IdentityDto("subject", resolved.subjectId(), null, null,
                        "account-service: the account behind the proven address"));
            }
            resolved.emails().stream().filter(e -> !e.equals(r.email)).forEach(e -> identities.add(
                    new RequestDto.IdentityDto("email", e, null, null, "account-service: the account's verified address")));
            resolved.deviceIds().stream().filter(d -> !d.equals(r.deviceId)).forEach(d -> identities.add(
                    new RequestDto.IdentityDto("device", d, null, null, "consent-service: linked to the account")));
        }
        return identities;
    }

    private RequestDto.ParticipantDto participant(Participant p) {
        return new RequestDto.ParticipantDto(p.service, p.outcome, p.deferredUntil, p.reason, tree(p.recordsJson),
                tree(p.retainedJson), tree(p.fieldsJson), p.asks, p.askedAt, p.answeredAt);
    }

    public static AuditDto audit(AuditEntry e) {
        return new AuditDto(e.at, e.actor, e.action, e.fromStatus == null ? null : e.fromStatus.name(),
                e.toStatus == null ? null : e.toStatus.name(), e.detail);
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public record AuditDto(Instant at, String actor, String action, String fromStatus, String toStatus,
            String detail) {
    }
}
