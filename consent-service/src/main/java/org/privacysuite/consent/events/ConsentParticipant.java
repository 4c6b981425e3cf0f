package org.privacysuite.consent.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.DataOrigin;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import org.privacysuite.events.catalogue.ParticipantDeclared.ProcessingActivity;
import org.privacysuite.events.participant.PrivacyRequestParticipant;

/**
 * consent-service's part in erasure, access and objection requests. Consent choices are corrected by recording new
 * ones.
 */
@ApplicationScoped
public class ConsentParticipant implements PrivacyRequestParticipant {

    public static final String CONSENT_RECORD = "consent-record";
    public static final String CONSENT_RECEIPT = "consent-receipt";
    public static final String CONSENT_STATE = "consent-state";
    public static final String DEVICE_LINK = "device-link";

    /**
     * The record types, what erasure does to each, and where their data comes from (which decides what a
     * portability request receives: {@link ConsentExport}).
     */
    static final List<DeclaredRecordType> RECORD_TYPES = List.of(
            // PROVIDED: each row is a choice the person made (on the banner, in the preference centre, by a GPC
            // signal their browser sent, or by the objection they sent through a privacy request)
            DeclaredRecordType.anonymised(CONSENT_RECORD, "each choice: purpose, granted, notice version, method")
                    .from(DataOrigin.PROVIDED),
            // RECEIVED: the controller's own proof that it recorded those choices (Art. 7(1)), issued by us; its
            // content repeats the records
            DeclaredRecordType.anonymised(CONSENT_RECEIPT, "the signed receipt of each recorded choice")
                    .from(DataOrigin.RECEIVED),
            // DERIVED: a projection of the records (the latest decision per purpose), computed by us
            DeclaredRecordType.deleted(CONSENT_STATE, "the current choice per purpose of a subject or device")
                    .from(DataOrigin.DERIVED),
            // OBSERVED: recorded from the person's use of the service, signing in on a device
            DeclaredRecordType.deleted(DEVICE_LINK, "which device id belongs to which account")
                    .from(DataOrigin.OBSERVED));

    @Inject
    ConsentErasure erasure;

    @Inject
    ConsentExport export;

    @Inject
    ConsentObjection objection;

    @Override
    public String service() {
        return ConsentErasure.SERVICE;
    }

    @Override
    public void erase(ErasureRequested request) {
        erasure.erase(request);
    }

    @Override
    public void export(AccessRequested request) {
        export.export(request);
    }

    @Override
    public ObjectionCompleted object(ObjectionRequested request) {
        return objection.object(request);
    }

    @Override
    public List<DeclaredRecordType> recordTypes() {
        return RECORD_TYPES;
    }

    @Override
    public List<ProcessingActivity> activities() {
        return List.of(new ProcessingActivity("consent ledger",
                "record and prove cookie, personalisation and app-usage consent",
                "GDPR Art. 6(1)(c) with Art. 7(1): the controller must be able to demonstrate consent"));
    }
}
