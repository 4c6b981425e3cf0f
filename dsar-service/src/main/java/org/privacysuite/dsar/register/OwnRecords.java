package org.privacysuite.dsar.register;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.privacysuite.dsar.domain.AuditEntry;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.identity.ResolvedIdentities;

/**
 * dsar-service's own records of the person, for their access package (Art. 15): every privacy request made under the
 * identities this request proved or resolved, and its audit trail. Staff are named by role, not by their accounts.
 */
@ApplicationScoped
public class OwnRecords {

    @Inject
    ObjectMapper mapper;

    public ObjectNode of(PrivacyRequest request) {
        ResolvedIdentities who = ResolvedIdentities.of(request);
        Map<String, PrivacyRequest> requests = new LinkedHashMap<>();
        if (who.subjectId() != null) {
            PrivacyRequest.<PrivacyRequest>list("subjectId = ?1 order by receivedAt", who.subjectId())
                    .forEach(r -> requests.put(r.id, r));
        }
        if (!who.emails().isEmpty()) {
            PrivacyRequest.<PrivacyRequest>list("email in ?1 and emailProof is not null order by receivedAt",
                    who.emails()).forEach(r -> requests.put(r.id, r));
        }
        if (!who.deviceIds().isEmpty()) {
            PrivacyRequest.<PrivacyRequest>list("deviceId in ?1 order by receivedAt", who.deviceIds())
                    .forEach(r -> requests.put(r.id, r));
        }
        ObjectNode section = mapper.createObjectNode();
        ArrayNode list = section.putArray("privacyRequests");
        for (PrivacyRequest r : requests.values()) {
            ObjectNode row = list.addObject().put("id", r.id).put("type", r.type.name())
                    .put("jurisdiction", r.jurisdiction.name()).put("status", r.status.name())
                    .put("receivedAt", text(r.receivedAt)).put("dueAt", text(r.dueAt))
                    .put("endedAt", text(r.endedAt)).put("source", r.source.name()).put("message", r.message);
            ArrayNode audit = row.putArray("audit");
            for (AuditEntry e : AuditEntry.of(r.id)) {
                audit.addObject().put("at", text(e.at)).put("by", role(e.actor)).put("action", e.action)
                        .put("toStatus", e.toStatus == null ? null : e.toStatus.name()).put("detail", e.detail);
            }
        }
        return section;
    }

    /** Officers' and subjects' ids are left out: "officer", "you", the service or agent by name. */
    static String role(String actor) {
        if (actor.startsWith("officer:")) {
            return "privacy officer";
        }
        if (actor.startsWith("subject:") || actor.equals("requester")) {
            return "you";
        }
        return actor.replaceFirst("^(system|service):", "");
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
