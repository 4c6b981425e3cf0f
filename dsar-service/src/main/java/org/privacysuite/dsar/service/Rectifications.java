package org.privacysuite.dsar.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.domain.Participant;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.events.catalogue.RectificationCompleted;
import org.privacysuite.events.catalogue.RectificationOutcome;

/**
 * Who corrects what in a RECTIFICATION: the services that declared a field rectifiable (privacy.participants) are
 * its owners, and each is asked for its own fields only. A field two services hold ({@code email}: the account's
 * sign-in address and the newsletter subscription) goes to both. A field no active service declares is not silently
 * dropped: intake refuses it, and approval refuses a request that still names one.
 */
@ApplicationScoped
public class Rectifications {

    @Inject
    ObjectMapper mapper;

    @Inject
    Declarations declarations;

    @Inject
    MailOutbox mails;

    /** The request's corrections, field by field, for each service that holds one of them (services in name order). */
    public Map<String, Map<String, String>> byOwner(PrivacyRequest request) {
        Map<String, String> changes = changes(request);
        Map<String, Map<String, String>> byOwner = new LinkedHashMap<>();
        rectifiableFields().forEach((service, fields) -> {
            Map<String, String> own = new LinkedHashMap<>();
            changes.forEach((field, value) -> {
                if (fields.contains(field)) {
                    own.put(field, value);
                }
            });
            if (!own.isEmpty()) {
                byOwner.put(service, own);
            }
        });
        return byOwner;
    }

    /** Fields of these changes that no active participant corrects; empty when no participant declared any yet. */
    public Set<String> unheldFields(Set<String> fields) {
        Set<String> held = new TreeSet<>();
        rectifiableFields().values().forEach(held::addAll);
        if (held.isEmpty()) {
            return Set.of(); // nothing declared yet (a first start): approval checks again
        }
        Set<String> unheld = new TreeSet<>(fields);
        unheld.removeAll(held);
        return unheld;
    }

    /** Refuses, before anything is asked, a request naming a field that no active service corrects. */
    public void requireOwners(PrivacyRequest request) {
        Set<String> fields = changes(request).keySet();
        Set<String> unheld = new TreeSet<>(fields);
        byOwner(request).values().forEach(own -> unheld.removeAll(own.keySet()));
        if (!unheld.isEmpty()) {
            throw ProblemException.conflict("field-not-held", "No service holds these fields",
                    "No participant declares " + String.join(", ", unheld) + " rectifiable: deny the request with a"
                            + " reason, or approve it once the service holding the field has declared itself");
        }
    }

    /**
     * Once every owner answered: tells the requester what was corrected and what was not, and why (GDPR Art. 12(3) and 19); to the proven
     * address only, which after a corrected e-mail is the old one: its owner learns of the change.
     */
    public void tellRequester(PrivacyRequest request, List<Participant> participants) {
        StringBuilder text = new StringBuilder("Your request " + request.id + " to correct your data was carried out.\n");
        for (Participant participant : participants) {
            for (RectificationCompleted.FieldResult field : fieldsOf(participant)) {
                text.append("\n- ").append(field.field()).append(" (").append(participant.service).append("): ")
                        .append(switch (field.outcome()) {
                            case CHANGED -> "corrected";
                            case UNCHANGED -> "already correct";
                            case REFUSED -> "not corrected: " + field.reason();
                        });
            }
            if (RectificationOutcome.NOTHING_FOUND.name().equals(participant.outcome)) {
                text.append("\n- ").append(participant.service).append(": holds no data about you");
            }
        }
        request.provenEmail().ifPresent(address -> mails.enqueue(address, "Your correction request", text.toString()));
    }

    private List<RectificationCompleted.FieldResult> fieldsOf(Participant participant) {
        try {
            return participant.fieldsJson == null ? List.of() : List.of(mapper.readValue(participant.fieldsJson,
                    RectificationCompleted.FieldResult[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> changes(PrivacyRequest request) {
        try {
            return request.changesJson == null ? Map.of()
                    : mapper.readValue(request.changesJson, new TypeReference<LinkedHashMap<String, String>>() {
                    });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each active participant's rectifiable fields, from its latest declaration. */
    private Map<String, List<String>> rectifiableFields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        declarations.active().forEach((service, declaration) -> fields.put(service, declaration.rectifiableFields()));
        return fields;
    }
}
