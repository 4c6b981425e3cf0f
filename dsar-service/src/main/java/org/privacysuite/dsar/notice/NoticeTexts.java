package org.privacysuite.dsar.notice;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What the suite tells a requester, in English; {@code messages/notices_fr.properties} says it in French. Plain
 * language: short sentences, what happened, what happens next and by when, what the person can do. Dates are written
 * as the day (UTC), which every reader understands.
 */
@MessageBundle(value = "notices", locale = "en")
public interface NoticeTexts {

    @Message("We received your privacy request")
    String acknowledgementSubject();

    @Message("""
            Hello,

            We received your request {what} on {received}. Its reference is {id}.

            We will answer by {due} at the latest. This is the time the law gives us ({law}).

            You do not need to do anything now. We will write to you at this address when the request is done, or if \
            we need more time.""")
    String acknowledgement(String what, String id, String received, String due, String law);

    @Message("We need more time for your privacy request")
    String extensionSubject();

    @Message("""
            Hello,

            We need more time for your request {what} (reference {id}).

            Why: {reason}

            We will now answer by {due} at the latest. The law ({law}) allows this extension only once.{complaint}""")
    String extension(String what, String id, String reason, String due, String law, String complaint);

    @Message("We cannot carry out your privacy request")
    String denialSubject();

    @Message("""
            Hello,

            We will not carry out your request {what} (reference {id}).

            Why: {reason}

            If you think this is wrong, you can reply to this message and we will look at it again. You also have the \
            right to complain to {authority}.""")
    String denial(String what, String id, String reason, String authority);

    @Message("Your privacy request is done")
    String completionSubject();

    @Message("""
            Hello,

            Your request {what} (reference {id}) is done.

            {result}""")
    String completion(String what, String id, String result);

    @Message("""
            Your data is ready. Sign in to your account and download it from your privacy requests. It stays \
            available for {days} days.""")
    String accessReady(int days);

    @Message("We deleted your data from every service that held it.{retained}")
    String erased(String retained);

    @Message("\n\nWe must keep some records for a while, as the law requires: {items}.")
    String retained(String items);

    @Message("We stopped using your data for {scope}. Nothing else changed.")
    String objectionDone(String scope);

    // the request in a few words, as in "your request for a copy of your data"
    @Message("for a copy of your data")
    String whatACCESS();

    @Message("for your data in a reusable format")
    String whatPORTABILITY();

    @Message("to delete your data")
    String whatERASURE();

    @Message("to correct your data")
    String whatRECTIFICATION();

    @Message("to stop using your data")
    String whatOBJECTION();

    @Message("with your question")
    String whatQUESTION();

    @Message("direct marketing")
    String scopeDIRECT_MARKETING();

    @Message("selling or sharing it")
    String scopeSALE_OR_SHARING();

    // the law, as in "This is the time the law gives us ({law})"
    @Message("GDPR, one month")
    String lawGDPR();

    @Message("CCPA, 45 days")
    String lawCCPA();

    @Message("PIPEDA, 30 days")
    String lawPIPEDA();

    @Message("Québec's private sector privacy act, 30 days")
    String lawQUEBEC();

    // where to complain, as in "the right to complain to {authority}"
    @Message("the data protection authority of the EU country where you live or work (GDPR Art. 77)")
    String authorityGDPR();

    @Message("the California Privacy Protection Agency (cppa.ca.gov)")
    String authorityCCPA();

    @Message("the Office of the Privacy Commissioner of Canada (priv.gc.ca)")
    String authorityPIPEDA();

    @Message("the Commission d'accès à l'information du Québec (cai.gouv.qc.ca)")
    String authorityQUEBEC();

    @Message("\n\nIf you disagree with this extension, you have the right to complain to {authority}.")
    String complaint(String authority);
}
