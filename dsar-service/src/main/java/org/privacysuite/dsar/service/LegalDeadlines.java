package org.privacysuite.dsar.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.domain.Jurisdiction;

/**
 * Every legal deadline of a request, computed here and nowhere else, in UTC.
 *
 * <ul>
 * <li>GDPR Art. 12(3): answer within one month of receipt; extendable once by up to two further months where
 * necessary, telling the subject why within the first month. A period in months ends on the same day of the month,
 * or on the month's last day when it has no such day (Regulation 1182/71 Art. 3(2)(c)): 31 January → 28/29 February.</li>
 * <li>CCPA (Cal. Civ. Code §1798.130(a)(2), CCPA Regulations §7021): answer within 45 calendar days, extendable once
 * by 45 more (90 in all) with notice; confirm receipt within 10 business days (Monday to Friday; public holidays
 * are not subtracted, which can only make the deadline earlier, never late).</li>
 * <li>PIPEDA s. 8(3)-(4): answer within 30 days of receipt; extendable once by up to 30 more days, with notice given
 * within the first 30 days of the new time limit and of the right to complain to the Commissioner.</li>
 * <li>Québec, Act respecting the protection of personal information in the private sector s. 32: answer within 30
 * days of receipt; the Act provides no extension for private enterprises.</li>
 * </ul>
 * Every extension must be given within the first period (GDPR Art. 12(3): "within one month of receipt"; PIPEDA s.
 * 8(4): "within thirty days after the day on which the request is received"; CCPA §7021(b): "within the first 45
 * days"): {@link #extendedDueAt} refuses one asked for after the original due date.
 */
public final class LegalDeadlines {

    public static final int GDPR_MONTHS = 1;
    public static final int GDPR_MAX_EXTENSION_MONTHS = 2;
    public static final int CCPA_DAYS = 45;
    public static final int CCPA_EXTENSION_DAYS = 45;
    public static final int CCPA_ACKNOWLEDGEMENT_BUSINESS_DAYS = 10;
    public static final int PIPEDA_DAYS = 30;
    public static final int PIPEDA_MAX_EXTENSION_DAYS = 30;
    public static final int QUEBEC_DAYS = 30;

    private LegalDeadlines() {
    }

    public static Instant dueAt(Jurisdiction jurisdiction, Instant receivedAt) {
        ZonedDateTime received = receivedAt.atZone(ZoneOffset.UTC);
        return switch (jurisdiction) {
            case GDPR -> received.plusMonths(GDPR_MONTHS).toInstant();
            case CCPA -> received.plusDays(CCPA_DAYS).toInstant();
            case PIPEDA -> received.plusDays(PIPEDA_DAYS).toInstant();
            case QUEBEC -> received.plusDays(QUEBEC_DAYS).toInstant();
        };
    }

    /** When receipt must be confirmed, or null where the law sets no separate acknowledgement. */
    public static Instant acknowledgeBy(Jurisdiction jurisdiction, Instant receivedAt) {
        if (jurisdiction != Jurisdiction.CCPA) {
            return null;
        }
        ZonedDateTime day = receivedAt.atZone(ZoneOffset.UTC);
        int counted = 0;
        while (counted < CCPA_ACKNOWLEDGEMENT_BUSINESS_DAYS) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                counted++;
            }
        }
        return day.toInstant();
    }

    /**
     * The due date after the one extension the law allows, asked for at {@code now}: GDPR by {@code months} (1 or 2),
     * CCPA by 45 days and PIPEDA by 30 ({@code months} ignored), counted from the original due date; none under
     * Québec's Act. Refused (409) once the original period is over: the law lets the extension be given only within it.
     */
    public static Instant extendedDueAt(Jurisdiction jurisdiction, Instant receivedAt, int months, Instant now) {
        Instant original = dueAt(jurisdiction, receivedAt);
        if (jurisdiction == Jurisdiction.QUEBEC) {
            throw ProblemException.conflict("no-extension", "No extension under this law",
                    "Québec's private sector Act (s. 32) gives 30 days to answer and provides no extension");
        }
        if (now.isAfter(original)) {
            throw ProblemException.conflict("extension-too-late", "Too late to extend",
                    "An extension must be given within the first period, which ended on " + original
                            + "; the request is overdue and must be answered now");
        }
        return switch (jurisdiction) {
            case GDPR -> {
                if (months < 1 || months > GDPR_MAX_EXTENSION_MONTHS) {
                    throw ProblemException.invalid("months", "GDPR allows an extension of 1 or 2 months");
                }
                // counted from receipt so that 31 January + 1 + 2 months ends on 30 April, not 28 April
                yield receivedAt.atZone(ZoneOffset.UTC).plusMonths(GDPR_MONTHS + months).toInstant();
            }
            case CCPA -> original.atZone(ZoneOffset.UTC).plusDays(CCPA_EXTENSION_DAYS).toInstant();
            case PIPEDA -> original.atZone(ZoneOffset.UTC).plusDays(PIPEDA_MAX_EXTENSION_DAYS).toInstant();
            case QUEBEC -> throw new IllegalStateException("refused above");
        };
    }
}
