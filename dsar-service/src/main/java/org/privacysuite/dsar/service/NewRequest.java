package org.privacysuite.dsar.service;

import java.util.Map;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.RequestType;

/** A validated request as the intake receives it. */
public record NewRequest(RequestType type, Jurisdiction jurisdiction, String message, String email,
        Map<String, String> changes) {
}
