package org.privacysuite.dsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.service.LegalDeadlines;

/** Expected dates worked out by hand from the rules, not by the code under test. */
class LegalDeadlinesTest {

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void gdprIsOneMonthFromReceipt() {
        assertEquals(at("2026-04-15T09:30:00Z"), LegalDeadlines.dueAt(Jurisdiction.GDPR, at("2026-03-15T09:30:00Z")));
        assertEquals(at("2027-01-10T23:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.GDPR, at("2026-12-10T23:00:00Z")));
    }

    @Test
    void gdprMonthEndReceiptEndsOnTheLastDayOfAShorterMonth() {
        assertEquals(at("2027-02-28T12:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.GDPR, at("2027-01-31T12:00:00Z")));
        assertEquals(at("2028-02-29T12:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.GDPR, at("2028-01-31T12:00:00Z")));
        assertEquals(at("2026-06-30T08:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.GDPR, at("2026-05-31T08:00:00Z")));
    }

    @Test
    void gdprExtensionAddsUpToTwoMonthsCountedFromReceipt() {
        Instant received = at("2027-01-31T12:00:00Z");
        assertEquals(at("2027-03-31T12:00:00Z"), LegalDeadlines.extendedDueAt(Jurisdiction.GDPR, received, 1));
        assertEquals(at("2027-04-30T12:00:00Z"), LegalDeadlines.extendedDueAt(Jurisdiction.GDPR, received, 2));
        assertThrows(ProblemException.class, () -> LegalDeadlines.extendedDueAt(Jurisdiction.GDPR, received, 3));
        assertThrows(ProblemException.class, () -> LegalDeadlines.extendedDueAt(Jurisdiction.GDPR, received, 0));
    }

    @Test
    void ccpaIsFortyFiveCalendarDaysPlusFortyFive() {
        Instant received = at("2026-11-25T10:00:00Z");
        assertEquals(at("2027-01-09T10:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.CCPA, received));
        assertEquals(at("2027-02-23T10:00:00Z"), LegalDeadlines.extendedDueAt(Jurisdiction.CCPA, received, 1));
    }

    @Test
    void ccpaAcknowledgementIsTenBusinessDays() {
        // Monday 2 November 2026 -> Monday 16 November
        assertEquals(at("2026-11-16T10:00:00Z"), LegalDeadlines.acknowledgeBy(Jurisdiction.CCPA, at("2026-11-02T10:00:00Z")));
        // Friday 6 November -> Friday 20 November
        assertEquals(at("2026-11-20T10:00:00Z"), LegalDeadlines.acknowledgeBy(Jurisdiction.CCPA, at("2026-11-06T10:00:00Z")));
        // Saturday 7 November -> Friday 20 November (the weekend does not count)
        assertEquals(at("2026-11-20T10:00:00Z"), LegalDeadlines.acknowledgeBy(Jurisdiction.CCPA, at("2026-11-07T10:00:00Z")));
        assertNull(LegalDeadlines.acknowledgeBy(Jurisdiction.GDPR, at("2026-11-07T10:00:00Z")));
    }
}
