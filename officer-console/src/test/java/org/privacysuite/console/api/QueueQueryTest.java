package org.privacysuite.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class QueueQueryTest {

    @Test
    void blankFiltersAreDroppedAndNoStatusMeansTheOpenRequests() {
        QueueQuery form = new QueueQuery();
        form.status = "";
        form.type = "ERASURE";
        form.after = " ";
        QueueQuery query = form.normalised(50);
        assertNull(query.status);
        assertEquals(Boolean.TRUE, query.open);
        assertEquals("ERASURE", query.type);
        assertNull(query.after);
        assertEquals(50, query.limit);

        form.status = "DENIED";
        assertNull(form.normalised(50).open, "a status filter shows closed ones too");
    }

    @Test
    void pageLinksKeepTheFiltersAndEncodeTheCursor() {
        QueueQuery form = new QueueQuery();
        form.status = "STALLED";
        form.overdue = true;
        QueueQuery query = form.normalised(50);
        assertEquals("/console/?status=STALLED&overdue=true", query.link(null));
        assertEquals("/console/?status=STALLED&overdue=true&after=2026-12-01T00%3A00%3A00Z%7Cab+c",
                query.link("2026-12-01T00:00:00Z|ab c"));
        assertEquals("/console/", new QueueQuery().link(null));
    }
}
