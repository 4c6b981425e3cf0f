package org.privacysuite.dsar.notice;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.service.MailOutbox;

/**
 * The notices a requester gets, in their language ({@link PrivacyRequest#language}), through the mail outbox (so a
 * rolled-back change sends nothing and an SMTP outage delays but never loses one), and only to a proven address:
 * <ul>
 * <li>acknowledgement with the due date, when the request is verified: CCPA §7021(a)'s 10 business days are met by
 * construction, since it goes out at once;</li>
 * <li>extension with the reason and the new date (GDPR Art. 12(3), CCPA §7021(b), PIPEDA s. 8(4), which also asks to
 * say the person may complain to the Commissioner);</li>
 * <li>denial with the reason and where to complain (GDPR Art. 12(4), CCPA §7022-7024, PIPEDA s. 8(7), Québec s. 34);</li>
 * <li>completion with what was done, where no other mail already says so.</li>
 * </ul>
 */
@ApplicationScoped
public class Notices {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @Inject
    MailOutbox mails;

    @Inject
    DsarConfig config;

    @Transactional(Transactional.TxType.MANDATORY)
    public void acknowledge(PrivacyRequest request) {
        NoticeTexts t = texts(request);
        send(request, t.acknowledgementSubject(), t.acknowledgement(what(t, request), request.id,
                day(request.receivedAt), day(request.dueAt), law(t, request.jurisdiction)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void extended(PrivacyRequest request) {
        NoticeTexts t = texts(request);
        String complaint = request.jurisdiction == Jurisdiction.PIPEDA
                ? t.complaint(authority(t, request.jurisdiction)) : "";
        send(request, t.extensionSubject(), t.extension(what(t, request), request.id, request.extensionReason,
                day(request.dueAt), law(t, request.jurisdiction), complaint));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void denied(PrivacyRequest request) {
        NoticeTexts t = texts(request);
        send(request, t.denialSubject(), t.denial(what(t, request), request.id, request.denialReason,
                authority(t, request.jurisdiction)));
    }

    /** Erasures and objections, and access for a signed-in owner (without an account the download link says it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void completed(PrivacyRequest request, List<String> retained) {
        NoticeTexts t = texts(request);
        String result;
        if (request.type.collectsData()) {
            result = t.accessReady((int) config.export().retention().toDays());
        } else if (request.type.erasesData()) {
            result = t.erased(retained.isEmpty() ? "" : t.retained(String.join("; ", retained)));
        } else if (request.type.stopsProcessing()) {
            result = t.objectionDone(switch (request.objectionScope) {
                case DIRECT_MARKETING -> t.scopeDIRECT_MARKETING();
                case SALE_OR_SHARING -> t.scopeSALE_OR_SHARING();
            });
        } else {
            return; // corrections and answers to questions say what was done in their own mail
        }
        send(request, t.completionSubject(), t.completion(what(t, request), request.id, result));
    }

    private void send(PrivacyRequest request, String subject, String text) {
        // Notices go only to a proven address: an unproven one may belong to someone who never asked.
        request.provenEmail().ifPresent(address -> mails.enqueue(address, subject, text));
    }

    static NoticeTexts texts(PrivacyRequest request) {
        return "fr".equals(request.language) ? MessageBundles.get(NoticeTexts.class, Localized.Literal.of("fr"))
                : MessageBundles.get(NoticeTexts.class);
    }

    private static String what(NoticeTexts t, PrivacyRequest request) {
        return switch (request.type) {
            case ACCESS -> t.whatACCESS();
            case PORTABILITY -> t.whatPORTABILITY();
            case ERASURE -> t.whatERASURE();
            case RECTIFICATION -> t.whatRECTIFICATION();
            case OBJECTION -> t.whatOBJECTION();
            case QUESTION -> t.whatQUESTION();
        };
    }

    private static String law(NoticeTexts t, Jurisdiction jurisdiction) {
        return switch (jurisdiction) {
            case GDPR -> t.lawGDPR();
            case CCPA -> t.lawCCPA();
            case PIPEDA -> t.lawPIPEDA();
            case QUEBEC -> t.lawQUEBEC();
        };
    }

    private static String authority(NoticeTexts t, Jurisdiction jurisdiction) {
        return switch (jurisdiction) {
            case GDPR -> t.authorityGDPR();
            case CCPA -> t.authorityCCPA();
            case PIPEDA -> t.authorityPIPEDA();
            case QUEBEC -> t.authorityQUEBEC();
        };
    }

    private static String day(Instant instant) {
        return DAY.format(instant);
    }
}
