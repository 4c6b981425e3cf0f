package org.privacysuite.events.catalogue;

import java.util.List;
import java.util.UUID;

/**
 * An owner service's answer to {@link RectificationRequested}: per field, whether it changed, already held the
 * corrected value, or refused it and why. No values travel back, only field names and reasons (the contract's
 * events carry ids, not personal data). {@code reason}: why a whole answer is NOTHING_FOUND or FAILED.
 */
public record RectificationCompleted(UUID requestId, String subjectId, String service, RectificationOutcome outcome,
        List<FieldResult> fields, String reason) implements EventData {

    public RectificationCompleted {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The answer for the fields given: REFUSED when any field was refused, else RECTIFIED. */
    public static RectificationCompleted of(RectificationRequested request, List<FieldResult> fields) {
        boolean refused = fields.stream().anyMatch(f -> f.outcome() == FieldOutcome.REFUSED);
        return new RectificationCompleted(request.requestId(), request.subjectId(), request.service(),
                refused ? RectificationOutcome.REFUSED : RectificationOutcome.RECTIFIED, fields, null);
    }

    /** The service holds nothing of the subject under the request's identities. */
    public static RectificationCompleted nothingFound(RectificationRequested request, String reason) {
        return new RectificationCompleted(request.requestId(), request.subjectId(), request.service(),
                RectificationOutcome.NOTHING_FOUND, List.of(), reason);
    }

    /** One field's fate; {@code reason} says why a field was refused (or what else the officer should know). */
    public record FieldResult(String field, FieldOutcome outcome, String reason) {

        public static FieldResult changed(String field) {
            return new FieldResult(field, FieldOutcome.CHANGED, null);
        }

        public static FieldResult changed(String field, String note) {
            return new FieldResult(field, FieldOutcome.CHANGED, note);
        }

        public static FieldResult unchanged(String field) {
            return new FieldResult(field, FieldOutcome.UNCHANGED, "already held this value");
        }

        public static FieldResult refused(String field, String reason) {
            return new FieldResult(field, FieldOutcome.REFUSED, reason);
        }
    }

    public enum FieldOutcome {
        CHANGED,
        /** The service already held the corrected value. */
        UNCHANGED,
        REFUSED
    }
}
