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
 * </ul>
 */
public final class LegalDeadlines {

    public static final int GDPR_MONTHS = 1;
    public static final int GDPR_MAX_EXTENSION_MONTHS = 2;
    public static final int CCPA_DAYS = 45;
    public static final int CCPA_EXTENSION_DAYS = 45;
    public static final int CCPA_ACKNOWLEDGEMENT_BUSINESS_DAYS = 10;

    private LegalDeadlines() {
    }

    public static Instant dueAt(Jurisdiction jurisdiction, Instant receivedAt) {
        ZonedDateTime received = receivedAt.atZone(ZoneOffset.UTC);
        return switch (jurisdiction) {
            case GDPR -> received.plusMonths(GDPR_MONTHS).toInstant();
            case CCPA -> received.plusDays(CCPA_DAYS).toInstant();
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
     * The due date after the one extension the law allows: GDPR by {@code months} (1 or 2), CCPA by 45 days
     * ({@code months} ignored). Counted from the original due date.
     */
    public static Instant extendedDueAt(Jurisdiction jurisdiction, Instant receivedAt, int months) {
        Instant original = dueAt(jurisdiction, receivedAt);
        return switch (jurisdiction) {
            case GDPR -> {
                if (months < 1 || months > GDPR_MAX_EXTENSION_MONTHS) {
                    throw ProblemException.invalid("months", "GDPR allows an extension of 1 or 2 months");
                }
                // counted from receipt so that 31 January + 1 + 2 months ends on 30 April, not 28 April
                yield receivedAt.atZone(ZoneOffset.UTC).plusMonths(GDPR_MONTHS + months).toInstant();
            }
            case CCPA -> original.atZone(ZoneOffset.UTC).plusDays(CCPA_EXTENSION_DAYS).toInstant();
        };
    }
}
