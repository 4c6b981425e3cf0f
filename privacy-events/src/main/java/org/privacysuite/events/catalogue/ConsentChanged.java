package org.privacysuite.events.catalogue;

import java.time.Instant;

public record ConsentChanged(String subjectId, String purpose, boolean granted, int noticeVersion, Instant at)
        implements EventData {
}
