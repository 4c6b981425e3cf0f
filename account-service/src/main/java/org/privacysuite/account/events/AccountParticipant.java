package org.privacysuite.account.events;

import org.privacysuite.events.catalogue.ParticipantDeclared.ProcessingActivity;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.privacysuite.account.service.ErasureIntake;
import org.privacysuite.account.service.ErasureRules;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.participant.PrivacyRequestParticipant;

/** account-service's part in dsar-service's requests: erasure, access, and rectification of the profile it owns. */
@ApplicationScoped
public class AccountParticipant implements PrivacyRequestParticipant {

    @Inject
    ErasureIntake erasure;

    @Inject
    AccountExport export;

    @Inject
    AccountRectification rectification;

    @Override
    public String service() {
        return ErasureRules.SERVICE;
    }

    @Override
    public void erase(ErasureRequested request) {
        erasure.receive(request);
    }

    @Override
    public void export(AccessRequested request) {
        export.export(request);
    }

    @Override
    public List<String> rectifiableFields() {
        return AccountRectification.fields();
    }

    @Override
    public void rectify(RectificationRequested request) {
        rectification.apply(request);
    }

    @Override
    public List<DeclaredRecordType> recordTypes() {
        return List.of(
                DeclaredRecordType.deleted(ErasureRules.KEYCLOAK_USER, "username, e-mail and password in Keycloak"),
                DeclaredRecordType.deleted(ErasureRules.ACCOUNT_PROFILE, "profile fields and their sharing choices"),
                DeclaredRecordType.deleted(ErasureRules.STATUS_HISTORY, "when the account was opened, closed"),
                DeclaredRecordType.deleted(ErasureRules.HOLD,
                        "open obligations such as a return window; erasure waits until the latest ends"),
                DeclaredRecordType.deleted(ErasureRules.APP_USAGE, "app-usage events collected with consent"),
                DeclaredRecordType.deleted(ErasureRules.APP_USAGE_WITHDRAWAL,
                        "how many usage events a withdrawal deleted"),
                DeclaredRecordType.anonymised(ErasureRules.ERASURE_REQUEST,
                        "proof that an erasure was answered, without the subject"));
    }

    @Override
    public List<ProcessingActivity> activities() {
        return List.of(
                new ProcessingActivity("user accounts", "sign-in, profile and account closure", ErasureRules.ACCOUNT_BASIS),
                new ProcessingActivity("app usage", "understand how the app is used", "GDPR Art. 6(1)(a): consent"));
    }
}
