package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.events.catalogue.ObjectionScope;

/**
 * Finds the open request a new one repeats: the same type (and, for an objection, the same scope) for the same
 * proven subject, address or device. Each identity is looked up on its own index (subject, e-mail, device), so the
 * check costs the same with a million requests.
 */
@ApplicationScoped
public class OpenRequests {

    private static final List<RequestStatus> OPEN = List.of(RequestStatus.UNVERIFIED, RequestStatus.PENDING_APPROVAL,
            RequestStatus.IN_PROGRESS, RequestStatus.STALLED);

    /** The oldest such open request; empty for types that never repeat ({@link RequestType#repeatsAsDuplicate}). */
    public Optional<PrivacyRequest> sameAs(RequestType type, ObjectionScope scope, String subjectId,
            String provenEmail, String deviceId) {
        return sameAs(type, scope, subjectId, provenEmail, deviceId, "");
    }

    /** The same, other than the request {@code except} (one being verified, which matches itself). */
    public Optional<PrivacyRequest> sameAs(RequestType type, ObjectionScope scope, String subjectId,
            String provenEmail, String deviceId, String except) {
        if (!type.repeatsAsDuplicate()) {
            return Optional.empty();
        }
        Optional<PrivacyRequest> found = Optional.empty();
        if (subjectId != null) {
            found = first("subjectId = ?1", subjectId, type, scope, except);
        }
        if (found.isEmpty() && provenEmail != null) {
            // Only a request whose address is proven counts: one still awaiting its code may be someone else's.
            found = first("email = ?1 and emailProof is not null", provenEmail, type, scope, except);
        }
        if (found.isEmpty() && deviceId != null) {
            found = first("deviceId = ?1", deviceId, type, scope, except);
        }
        return found;
    }

    private static Optional<PrivacyRequest> first(String identity, String value, RequestType type,
            ObjectionScope scope, String except) {
        return PrivacyRequest.<PrivacyRequest>find(identity + " and type = ?2 and status in ?3"
                + " and (objectionScope = ?4 or objectionScope is null) and id <> ?5 order by receivedAt, id", value,
                type, OPEN, scope, except).firstResultOptional();
    }
}
