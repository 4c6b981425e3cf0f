package org.privacysuite.account.events;

import org.privacysuite.events.catalogue.ParticipantDeclared.ProcessingActivity;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.privacysuite.account.service.ErasureIntake;
import org.privacysuite.account.service.ErasureRules;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.DataOrigin;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.participant.PrivacyRequestParticipant;

/**
 * account-service's part in dsar-service's requests: erasure, access (and portability), and rectification of the
 * profile it owns. Objections get the default answer, NOTHING_FOUND: the account does no direct marketing and
 * neither sells nor shares personal data, so there is nothing to stop here.
 */
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

    /**
     * The record types, what erasure does to each, and where their data comes from (GDPR Art. 15(1)(g), Art. 20:
     * the provided and observed ones make up a portability package, see {@link AccountExport}).
     */
    static final List<DeclaredRecordType> DECLARED = List.of(
            // PROVIDED: the username and address the person typed at sign-up (the password is never exported).
            DeclaredRecordType.deleted(ErasureRules.KEYCLOAK_USER, "username, e-mail and password in Keycloak")
                    .from(DataOrigin.PROVIDED),
            // PROVIDED: every profile field and every sharing choice is the person's own entry.
            DeclaredRecordType.deleted(ErasureRules.ACCOUNT_PROFILE, "profile fields and their sharing choices")
                    .from(DataOrigin.PROVIDED),
            // RECEIVED: the business's own record of what happened to the account (opened, closure asked, closed),
            // written by this service, not given by the person nor observed of their use.
            DeclaredRecordType.deleted(ErasureRules.STATUS_HISTORY, "when the account was opened, closed")
                    .from(DataOrigin.RECEIVED),
            // RECEIVED: registered by the order system (a return window), not by the person.
            DeclaredRecordType.deleted(ErasureRules.HOLD,
                    "open obligations such as a return window; erasure waits until the latest ends")
                    .from(DataOrigin.RECEIVED),
            // OBSERVED: what the companion app recorded of the person's use of their appliances.
            DeclaredRecordType.deleted(ErasureRules.APP_USAGE, "app-usage events collected with consent")
                    .from(DataOrigin.OBSERVED),
            // RECEIVED: the business's record of how many events a consent withdrawal deleted (accountability).
            DeclaredRecordType.deleted(ErasureRules.APP_USAGE_WITHDRAWAL, "how many usage events a withdrawal deleted")
                    .from(DataOrigin.RECEIVED),
            // RECEIVED: the business's proof that an erasure request was answered.
            DeclaredRecordType.anonymised(ErasureRules.ERASURE_REQUEST,
                    "proof that an erasure was answered, without the subject")
                    .from(DataOrigin.RECEIVED));

    @Override
    public List<DeclaredRecordType> recordTypes() {
        return DECLARED;
    }

    @Override
    public List<ProcessingActivity> activities() {
        return List.of(
                new ProcessingActivity("user accounts", "sign-in, profile and account closure", ErasureRules.ACCOUNT_BASIS),
                new ProcessingActivity("app usage", "understand how the app is used", "GDPR Art. 6(1)(a): consent"));
    }
}
