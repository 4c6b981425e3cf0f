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
                    .from(DataOrigin.PROVIDED).in("consent_record"),
            // RECEIVED: the controller's own proof that it recorded those choices (Art. 7(1)), issued by us; its
            // content repeats the records
            DeclaredRecordType.anonymised(CONSENT_RECEIPT, "the signed receipt of each recorded choice")
                    .from(DataOrigin.RECEIVED).in("consent_receipt"),
            // DERIVED: a projection of the records (the latest decision per purpose), computed by us
            DeclaredRecordType.deleted(CONSENT_STATE, "the current choice per purpose of a subject or device")
                    .from(DataOrigin.DERIVED).in("consent_state", "consent.events"),
            // OBSERVED: recorded from the person's use of the service, signing in on a device
            DeclaredRecordType.deleted(DEVICE_LINK, "which device id belongs to which account")
                    .from(DataOrigin.OBSERVED).in("device_link"));

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
                "record and prove cookie, personalisation and app-usage consent, and answer whether a purpose may be"
                        + " used for a device or account",
                "GDPR Art. 6(1)(c) with Art. 7(1): the controller must be able to demonstrate consent",
                List.of("website visitors (by the device id of the consent cookie)", "account holders"),
                List.of("device identifier", "account identifier", "consent choices and the notice version shown",
                        "page address, browser family and truncated IP address at the time of a choice"),
                List.of(CONSENT_RECORD, CONSENT_RECEIPT, CONSENT_STATE, DEVICE_LINK),
                List.of("the suite's own services (account, newsletter), which ask before using data",
                        "Amazon Web Services, hosting (processor)"),
                "the current choices until changed or erased; the ledger and receipts, proof of consent (Art. 7(1)),"
                        + " as long as the account or device is known, then anonymised on erasure"));
    }
}
