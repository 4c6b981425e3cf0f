package org.privacysuite.consent.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.privacysuite.consent.domain.CollectionMethod;
import org.privacysuite.consent.domain.Purpose;
import org.privacysuite.consent.rest.DeviceConsentResource;
import org.privacysuite.consent.service.ConsentLedger;
import org.privacysuite.consent.service.PurposeCatalogue;
import org.privacysuite.consent.service.Subject;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionOutcome;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.ObjectionScope;
import org.privacysuite.events.catalogue.StoppedProcessing;

/**
 * Carries out an objection: records the purposes it covers as refused, for the account, every device linked to it
 * and the devices the request proves (not a named device linked to another account: {@link ConsentErasure#subjectsOf}).
 * It stops processing and erases nothing: earlier decisions stay in the ledger, other purposes are untouched.
 * <ul>
 * <li>{@link ObjectionScope#DIRECT_MARKETING} (GDPR Art. 21(2)-(3)): the purposes marked {@code directMarketing};</li>
 * <li>{@link ObjectionScope#SALE_OR_SHARING} (CCPA §7026): the purposes marked {@code gpcGoverned}, the set a GPC
 * signal opts out of, which CCPA regulations §7025 make an opt-out of sale and sharing.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsentObjection {

    /** How dsar-service names the subject of a request without an account: nothing is recorded under it. */
    static final String NO_ACCOUNT_PREFIX = "request:";
    private static final Pattern DEVICE_ID = Pattern.compile(DeviceConsentResource.DEVICE_ID);

    @Inject
    ConsentLedger ledger;

    @Inject
    PurposeCatalogue catalogue;

    @Transactional(Transactional.TxType.MANDATORY)
    public ObjectionCompleted object(ObjectionRequested request) {
        List<Subject> subjects = subjectsOf(request);
        if (subjects.isEmpty()) {
            return ObjectionCompleted.nothingFound(request, ConsentErasure.SERVICE,
                    "the request names no account and no device whose choices are recorded here");
        }
        List<Purpose> purposes = catalogue.all().stream().filter(p -> covers(request.scope(), p)).toList();
        if (purposes.isEmpty()) {
            return ObjectionCompleted.nothingFound(request, ConsentErasure.SERVICE,
                    "no purpose of the catalogue is " + describe(request.scope()));
        }
        CollectionMethod method = methodOf(request.scope());
        subjects.forEach(subject -> ledger.refuse(subject, purposes, method));
        List<StoppedProcessing> stopped = purposes.stream()
                .map(p -> new StoppedProcessing(p.key, StoppedProcessing.Action.REFUSED, subjects.size())).toList();
        return new ObjectionCompleted(request.requestId(), request.subjectId(), ConsentErasure.SERVICE,
                ObjectionOutcome.STOPPED, stopped, null);
    }

    /**
     * The account (unless the request has none) and the devices, as an erasure would find them. A device id this
     * service never accepts (not a random version 4 UUID) holds no choices here and never will: it is left out
     * rather than written to the ledger.
     */
    static List<Subject> subjectsOf(ObjectionRequested request) {
        String subjectId = request.subjectId();
        List<String> devices = request.identities().deviceIds().stream()
                .filter(id -> id != null && DEVICE_ID.matcher(id).matches()).toList();
        List<Subject> subjects = new ArrayList<>();
        for (String id : ConsentErasure.subjectsOf(subjectId, devices)) {
            if (!id.equals(subjectId)) {
                subjects.add(Subject.device(id));
            } else if (!id.startsWith(NO_ACCOUNT_PREFIX)) {
                subjects.add(Subject.account(id));
            }
        }
        return subjects;
    }

    static boolean covers(ObjectionScope scope, Purpose purpose) {
        if (purpose.required) {
            return false;
        }
        return switch (scope) {
            case DIRECT_MARKETING -> purpose.directMarketing;
            case SALE_OR_SHARING -> purpose.gpcGoverned;
        };
    }

    static CollectionMethod methodOf(ObjectionScope scope) {
        return switch (scope) {
            case DIRECT_MARKETING -> CollectionMethod.OBJECTION;
            case SALE_OR_SHARING -> CollectionMethod.OPT_OUT_OF_SALE;
        };
    }

    private static String describe(ObjectionScope scope) {
        return switch (scope) {
            case DIRECT_MARKETING -> "marked as direct marketing";
            case SALE_OR_SHARING -> "marked as sold or shared (GPC-governed)";
        };
    }
}
