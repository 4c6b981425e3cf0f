package org.privacysuite.dsar.service;

import java.util.Map;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.events.catalogue.ObjectionScope;

/**
 * A validated request as the intake receives it; {@code objection} only for an OBJECTION; {@code language} of the
 * notices, null to choose by jurisdiction.
 */
public record NewRequest(RequestType type, Jurisdiction jurisdiction, String message, String email,
        Map<String, String> changes, ObjectionScope objection, String language) {

    public NewRequest(RequestType type, Jurisdiction jurisdiction, String message, String email,
            Map<String, String> changes) {
        this(type, jurisdiction, message, email, changes, null, null);
    }
}
