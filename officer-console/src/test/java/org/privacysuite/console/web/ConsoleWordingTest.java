package org.privacysuite.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.privacysuite.console.api.ConsentApi.Purpose;
import org.privacysuite.console.api.DsarViews.RequestView;

/** What the pages say, worked out by hand: days left, the denial text sent on, what an edit meant. */
class ConsoleWordingTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private static RequestView dueAt(String due) {
        return new RequestView("id", "ERASURE", "GDPR", "IN_PROGRESS", NOW, Instant.parse(due), null, false, null,
                null, null, null, null, null, null, null, null, null, "WEB", List.of(), List.of(), null, null);
    }

    @Test
    void daysLeftCountWholeDaysAndTheLastDayIsDueToday() {
        assertEquals(3, Formats.wholeDaysLeft(dueAt("2026-12-03T10:00:00Z"), NOW));
        assertEquals(2, Formats.wholeDaysLeft(dueAt("2026-12-03T09:59:59Z"), NOW));
        assertEquals(0, Formats.wholeDaysLeft(dueAt("2026-11-30T23:00:00Z"), NOW));
        // one hour past the deadline is a day overdue, not "due today"
        assertEquals(-1, Formats.wholeDaysLeft(dueAt("2026-11-30T09:00:00Z"), NOW));
        assertEquals(-2, Formats.wholeDaysLeft(dueAt("2026-11-28T11:00:00Z"), NOW));
    }

    @Test
    void aDenialIsTheChosenReasonPlusTheOfficersWords() {
        assertEquals("The identity could not be verified", DenialReason.text("IDENTITY", "  "));
        assertEquals("The identity could not be verified: no match", DenialReason.text("IDENTITY", " no match "));
        assertEquals("Our own words", DenialReason.text("OTHER", "Our own words"));
        assertEquals("details", assertThrows(RequestPage.MissingInput.class, () -> DenialReason.text("OTHER", ""))
                .getMessage());
        assertEquals("reason", assertThrows(RequestPage.MissingInput.class, () -> DenialReason.text(null, "x"))
                .getMessage());
        assertEquals("reason", assertThrows(RequestPage.MissingInput.class, () -> DenialReason.text("MADE_UP", "x"))
                .getMessage());
    }

    private static Purpose purpose(int version, int reconsentFrom) {
        return new Purpose("analytics", "Analytics", "text", "CONSENT", version, true, false, null, List.of(), null,
                false, reconsentFrom, false);
    }

    @Test
    void anEditSaysWhetherPeopleMustConsentAgain() {
        assertEquals("unchanged", PurposesPage.outcome(purpose(3, 2), purpose(3, 2)));
        assertEquals("reconsent", PurposesPage.outcome(purpose(3, 2), purpose(4, 4)));
        assertEquals("kept", PurposesPage.outcome(purpose(3, 2), purpose(4, 2)));
    }
}
