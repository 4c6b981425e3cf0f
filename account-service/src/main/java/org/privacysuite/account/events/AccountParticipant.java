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
                    .from(DataOrigin.PROVIDED).in("keycloak:users"),
            // PROVIDED: every profile field and every sharing choice is the person's own entry.
            DeclaredRecordType.deleted(ErasureRules.ACCOUNT_PROFILE, "profile fields and their sharing choices")
                    .from(DataOrigin.PROVIDED).in("account"),
            // RECEIVED: the business's own record of what happened to the account (opened, closure asked, closed),
            // written by this service, not given by the person nor observed of their use.
            DeclaredRecordType.deleted(ErasureRules.STATUS_HISTORY, "when the account was opened, closed")
                    .from(DataOrigin.RECEIVED).in("account_status_change", "account.events"),
            // RECEIVED: registered by the order system (a return window), not by the person.
            DeclaredRecordType.deleted(ErasureRules.HOLD,
                    "open obligations such as a return window; erasure waits until the latest ends")
                    .from(DataOrigin.RECEIVED).in("account_hold"),
            // OBSERVED: what the companion app recorded of the person's use of their appliances.
            DeclaredRecordType.deleted(ErasureRules.APP_USAGE, "app-usage events collected with consent")
                    .from(DataOrigin.OBSERVED).in("app_usage_event"),
            // RECEIVED: the business's record of how many events a consent withdrawal deleted (accountability).
            DeclaredRecordType.deleted(ErasureRules.APP_USAGE_WITHDRAWAL, "how many usage events a withdrawal deleted")
                    .from(DataOrigin.RECEIVED).in("app_usage_withdrawal"),
            // RECEIVED: the business's proof that an erasure request was answered.
            DeclaredRecordType.anonymised(ErasureRules.ERASURE_REQUEST,
                    "proof that an erasure was answered, without the subject")
                    .from(DataOrigin.RECEIVED).in("erasure_request"));

    @Override
    public List<DeclaredRecordType> recordTypes() {
        return DECLARED;
    }

    @Override
    public List<ProcessingActivity> activities() {
        List<String> hosting = List.of("Keycloak, the suite's identity provider (operated by the company)",
                "Amazon Web Services, hosting (processor)");
        return List.of(
                new ProcessingActivity("user accounts", "sign-in, profile and account closure",
                        ErasureRules.ACCOUNT_BASIS, List.of("account holders"),
                        List.of("username", "e-mail address", "password (in Keycloak only, hashed)",
                                "profile fields the person chose to fill in", "account status and open obligations"),
                        List.of(ErasureRules.KEYCLOAK_USER, ErasureRules.ACCOUNT_PROFILE, ErasureRules.STATUS_HISTORY,
                                ErasureRules.HOLD, ErasureRules.ERASURE_REQUEST),
                        List.of(hosting.get(0), hosting.get(1), "the order system, which registers return windows"),
                        "while the account is open; after closure, until its last obligation (a return window) ends,"
                                + " then erased; the proof that an erasure was answered, anonymised"),
                new ProcessingActivity("app usage", "understand how the app is used", "GDPR Art. 6(1)(a): consent",
                        List.of("account holders using the companion app"),
                        List.of("appliance, program and duration of use"),
                        List.of(ErasureRules.APP_USAGE, ErasureRules.APP_USAGE_WITHDRAWAL), hosting,
                        "while the consent to app-usage-data holds; deleted on withdrawal or erasure"));
    }
}
