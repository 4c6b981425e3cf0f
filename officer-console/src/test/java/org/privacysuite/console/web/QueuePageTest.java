package org.privacysuite.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.core.Link;
import org.junit.jupiter.api.Test;

class QueuePageTest {

    @Test
    void theNextCursorIsTakenFromTheApisLinkHeader() {
        Link next = Link.valueOf("</api/privacy-requests?status=STALLED&limit=50&after=2026-12-01T00%3A00%3A00Z%7Cabc>; rel=\"next\"");
        assertEquals("2026-12-01T00:00:00Z|abc", QueuePage.nextCursor(next));
        assertNull(QueuePage.nextCursor(Link.valueOf("</api/privacy-requests?limit=50>; rel=\"next\"")));
        assertNull(QueuePage.nextCursor(null));
    }
}
