package org.privacysuite.console.api;

import jakarta.ws.rs.QueryParam;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The queue's filters, as the console's page takes them and as dsar-service's list endpoint takes them (same
 * names, so the page's query string is the API's). Empty form fields arrive as empty strings and are sent as none.
 */
public class QueueQuery {

    @QueryParam("status")
    public String status;

    @QueryParam("type")
    public String type;

    @QueryParam("jurisdiction")
    public String jurisdiction;

    @QueryParam("source")
    public String source;

    @QueryParam("open")
    public Boolean open;

    @QueryParam("overdue")
    public Boolean overdue;

    @QueryParam("dueWithinDays")
    public Integer dueWithinDays;

    @QueryParam("limit")
    public Integer limit;

    @QueryParam("after")
    public String after;

    /** Blank fields become absent, and a queue without a status shows the open requests. */
    public QueueQuery normalised(int pageSize) {
        QueueQuery q = new QueueQuery();
        q.status = blankToNull(status);
        q.type = blankToNull(type);
        q.jurisdiction = blankToNull(jurisdiction);
        q.source = blankToNull(source);
        q.open = q.status == null ? Boolean.TRUE : null;
        q.overdue = Boolean.TRUE.equals(overdue) ? Boolean.TRUE : null;
        q.dueWithinDays = dueWithinDays != null && dueWithinDays > 0 ? dueWithinDays : null;
        q.limit = pageSize;
        q.after = blankToNull(after);
        return q;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The console's queue URL for these filters, at the page that starts after {@code cursor} (null: the first). */
    public String link(String cursor) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", status);
        params.put("type", type);
        params.put("jurisdiction", jurisdiction);
        params.put("source", source);
        params.put("overdue", overdue);
        params.put("dueWithinDays", dueWithinDays);
        params.put("after", cursor);
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "/console/" + (query.isEmpty() ? "" : "?" + query);
    }
}
