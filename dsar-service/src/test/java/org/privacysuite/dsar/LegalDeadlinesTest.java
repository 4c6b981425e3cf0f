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
        assertEquals(at("2027-03-31T12:00:00Z"), LegalDeadlines.extendedDueAt(Jurisdiction.GDPR, received, 1, received));
        assertEquals(at("2027-04-30T12:00:00Z"), LegalDeadlines.extendedDueAt(Jurisdiction.GDPR, received, 2, received));
        assertThrows(ProblemException.class, () -> LegalDeadlines.extendedDueAt(Jurisdiction.GDPR, received, 3, received));
        assertThrows(ProblemException.class, () -> LegalDeadlines.extendedDueAt(Jurisdiction.GDPR, received, 0, received));
    }

    @Test
    void ccpaIsFortyFiveCalendarDaysPlusFortyFive() {
        Instant received = at("2026-11-25T10:00:00Z");
        assertEquals(at("2027-01-09T10:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.CCPA, received));
        assertEquals(at("2027-02-23T10:00:00Z"), LegalDeadlines.extendedDueAt(Jurisdiction.CCPA, received, 1, received));
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

    @Test
    void pipedaIsThirtyDaysPlusAtMostThirty() {
        // 25 November + 5 days = 30 November, + 25 = 25 December; + 30 more = 24 January
        Instant received = at("2026-11-25T10:00:00Z");
        assertEquals(at("2026-12-25T10:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.PIPEDA, received));
        assertEquals(at("2027-01-24T10:00:00Z"), LegalDeadlines.extendedDueAt(Jurisdiction.PIPEDA, received, 1,
                at("2026-12-01T00:00:00Z")));
        // February of a leap year has 29 days: 10 February 2028 + 30 = 11 March; in 2027, 12 March
        assertEquals(at("2028-03-11T00:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.PIPEDA, at("2028-02-10T00:00:00Z")));
        assertEquals(at("2027-03-12T00:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.PIPEDA, at("2027-02-10T00:00:00Z")));
        assertNull(LegalDeadlines.acknowledgeBy(Jurisdiction.PIPEDA, received));
    }

    @Test
    void quebecIsThirtyDaysWithoutExtension() {
        // 31 January 2026 + 28 days = 28 February, + 2 = 2 March
        Instant received = at("2026-01-31T08:00:00Z");
        assertEquals(at("2026-03-02T08:00:00Z"), LegalDeadlines.dueAt(Jurisdiction.QUEBEC, received));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> LegalDeadlines.extendedDueAt(Jurisdiction.QUEBEC, received, 1, received));
        assertEquals(409, refused.status());
    }

    @Test
    void anExtensionIsGivenOnlyWithinTheFirstPeriod() {
        // GDPR: received 31 January 2027, first period ends 28 February 2027
        Instant received = at("2027-01-31T12:00:00Z");
        assertEquals(at("2027-03-31T12:00:00Z"), LegalDeadlines.extendedDueAt(Jurisdiction.GDPR, received, 1,
                at("2027-02-28T11:59:59Z")));
        assertEquals(409, assertThrows(ProblemException.class, () -> LegalDeadlines.extendedDueAt(Jurisdiction.GDPR,
                received, 1, at("2027-02-28T12:00:01Z"))).status());
        // CCPA: received 25 November 2026, first period ends 9 January 2027
        assertThrows(ProblemException.class, () -> LegalDeadlines.extendedDueAt(Jurisdiction.CCPA,
                at("2026-11-25T10:00:00Z"), 1, at("2027-01-10T00:00:00Z")));
    }
}
