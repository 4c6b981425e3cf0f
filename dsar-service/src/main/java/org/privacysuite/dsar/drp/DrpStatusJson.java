package org.privacysuite.dsar.drp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.privacysuite.dsar.service.Sha256;

/** The Exercise Status as the JSON agents receive, and a fingerprint of it to tell whether it changed. */
@ApplicationScoped
public class DrpStatusJson {

    @Inject
    ObjectMapper mapper;

    public String json(DrpDtos.ExerciseStatus status) {
        try {
            return mapper.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an Exercise Status always serialises", e);
        }
    }

    public String fingerprint(DrpDtos.ExerciseStatus status) {
        return fingerprintOf(json(status));
    }

    /** The fingerprint of an Exercise Status already serialised by {@link #json}. */
    static String fingerprintOf(String json) {
        return Sha256.hex(json);
    }
}
