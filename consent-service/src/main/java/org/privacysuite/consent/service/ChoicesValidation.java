package org.privacysuite.consent.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.privacysuite.commons.problem.Problem;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.consent.domain.CollectionMethod;
import org.privacysuite.consent.domain.Purpose;

/**
 * Checks the choices a client sends before anything is stored, and reports every wrong field at once (400 with
 * {@code errors[]}). The choices it returns are those to record, with a GPC signal already applied.
 */
final class ChoicesValidation {

    private ChoicesValidation() {
    }

    static Map<String, Boolean> validated(Choices request, Map<String, Purpose> purposes, boolean gpc) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Boolean> choices = new TreeMap<>();
        request.granted().forEach((key, granted) -> {
            Purpose purpose = purposes.get(key);
            if (purpose == null) {
                errors.add(new Problem.FieldError("choices." + key, "unknown purpose"));
            } else if (purpose.required) {
                if (!granted) {
                    errors.add(new Problem.FieldError("choices." + key, "strictly necessary: cannot be refused"));
                }
            } else {
                choices.put(key, granted);
            }
        });
        if (request.method() == CollectionMethod.ACCEPT_ALL && request.granted().containsValue(false)) {
            errors.add(new Problem.FieldError("method", "accept-all contradicts a refused purpose"));
        }
        if (request.method() == CollectionMethod.REJECT_ALL && choices.containsValue(true)) {
            errors.add(new Problem.FieldError("method", "reject-all contradicts a granted purpose"));
        }
        if (!request.method().sendable()) {
            errors.add(new Problem.FieldError("method", request.method().wire() + " is recorded by "
                    + request.method().recordedBy() + ", not sent"));
        }
        if (request.source() != null && !request.source().sendable()) {
            errors.add(new Problem.FieldError("source", "privacy-request is recorded by carrying out a privacy"
                    + " request, not sent"));
        }
        if (request.noticeVersions() != null) {
            request.noticeVersions().forEach((key, version) -> {
                Purpose purpose = purposes.get(key);
                if (purpose == null || !request.granted().containsKey(key)) {
                    errors.add(new Problem.FieldError("noticeVersions." + key, "no choice given for this purpose"));
                } else if (version > purpose.currentVersion) {
                    errors.add(new Problem.FieldError("noticeVersions." + key,
                            "notice version " + version + " was never published (current: " + purpose.currentVersion + ")"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (gpc) {
            // The signal opts out of every GPC-governed purpose, also those the body did not mention.
            purposes.values().stream().filter(p -> p.gpcGoverned && !p.required)
                    .forEach(p -> choices.put(p.key, false));
        }
        return choices;
    }
}
