package org.privacysuite.dsar.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.privacysuite.dsar.domain.DeclaredParticipant;
import org.privacysuite.events.catalogue.ParticipantDeclared;

/** The participants' latest declarations as records: their record types, activities and rectifiable fields. */
@ApplicationScoped
public class Declarations {

    @Inject
    ObjectMapper mapper;

    /** Each active participant's declaration, in service name order. */
    public Map<String, ParticipantDeclared> active() {
        Map<String, ParticipantDeclared> declarations = new LinkedHashMap<>();
        for (DeclaredParticipant participant : DeclaredParticipant.all()) {
            if (participant.isActive()) {
                declarations.put(participant.service, of(participant));
            }
        }
        return declarations;
    }

    public ParticipantDeclared of(DeclaredParticipant participant) {
        try {
            // Stored as published, with derived properties (retirement) and perhaps fields of a later version.
            return mapper.readerFor(ParticipantDeclared.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(participant.declarationJson);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable declaration of " + participant.service, e);
        }
    }
}
