package org.privacysuite.consent.events;

import org.privacysuite.events.catalogue.ParticipantDeclared.ProcessingActivity;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.ObjectionCompleted;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.participant.PrivacyRequestParticipant;

/**
 * consent-service's part in erasure, access and objection requests. Consent choices are corrected by recording new
 * ones.
 */
@ApplicationScoped
public class ConsentParticipant implements PrivacyRequestParticipant {

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
        return List.of(
                DeclaredRecordType.anonymised("consent-record", "each choice: purpose, granted, notice version, method"),
                DeclaredRecordType.anonymised("consent-receipt", "the signed receipt of each recorded choice"),
                DeclaredRecordType.deleted("consent-state", "the current choice per purpose of a subject or device"),
                DeclaredRecordType.deleted("device-link", "which device id belongs to which account"));
    }

    @Override
    public List<ProcessingActivity> activities() {
        return List.of(new ProcessingActivity("consent ledger",
                "record and prove cookie, personalisation and app-usage consent",
                "GDPR Art. 6(1)(c) with Art. 7(1): the controller must be able to demonstrate consent"));
    }
}
