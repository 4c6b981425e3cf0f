package org.privacysuite.console.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.privacysuite.console.api.DsarViews.RequestView;

/** How the pages write times and deadlines: ISO dates in UTC, the same in every language, and whole days left. */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    /** The message key naming a request source, e.g. {@code sourceWEB}. */
    static String sourceKey(String source) {
        return "source" + source;
    }

    /** The message key naming what an objection covers, e.g. {@code objectionDIRECT_MARKETING}. */
    static String objectionKey(String scope) {
        return "objection" + scope;
    }

    /** Whole days until the deadline, 0 on its last day; only meaningful while not overdue. */
    static int daysLeft(RequestView request) {
        return wholeDaysLeft(request, Instant.now());
    }

    /** Whole days past the deadline, at least 1 once it has passed. */
    static int daysOverdue(RequestView request) {
        return Math.max(1, -wholeDaysLeft(request, Instant.now()));
    }

    static int wholeDaysLeft(RequestView request, Instant now) {
        long seconds = Duration.between(now, request.dueAt()).getSeconds();
        return (int) Math.floorDiv(seconds, 86_400L);
    }
}
