package org.privacysuite.console.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** dsar-service's answers and bodies, with the fields the console shows (unknown fields are ignored). */
public final class DsarViews {

    private DsarViews() {
    }

    public record RequestView(String id, String type, String jurisdiction, String status, Instant receivedAt,
            Instant dueAt, Instant acknowledgeBy, boolean overdue, Instant extendedAt, String extensionReason,
            String denialReason, String stalledReason, String reply, Instant fulfilledAt, Instant closedAt,
            String message, String email, String subjectId, String source, List<Participant> participants,
            List<Identity> identities, Map<String, String> changes, String objection) {

        public boolean open() {
            return switch (status) {
                case "FULFILLED", "DENIED", "CLOSED" -> false;
                default -> true;
            };
        }

        /**
         * dsar-service allows one extension, within the first period (before the original due date), and none under
         * Québec's Act.
         */
        public boolean extendable() {
            return extendedAt == null && open() && !overdue && !"QUEBEC".equals(jurisdiction);
        }

        /** The message key saying how far the extension goes, for the laws that fix it in days. */
        public String extensionKey() {
            return "extension" + jurisdiction;
        }

        public boolean approvable() {
            return "PENDING_APPROVAL".equals(status);
        }

        public boolean deniable() {
            return open();
        }

        public boolean closable() {
            return !"CLOSED".equals(status);
        }

        public boolean question() {
            return "QUESTION".equals(type);
        }

        public boolean gdpr() {
            return "GDPR".equals(jurisdiction);
        }

        public boolean fromAgent() {
            return "AUTHORISED_AGENT".equals(source);
        }
    }

    /** {@code proof}: how the requester proved it; {@code resolvedBy}: how the saga found it from a proven one. */
    public record Identity(String kind, String value, String proof, Instant provenAt, String resolvedBy) {
    }

    public record Participant(String service, String outcome, Instant deferredUntil, String reason,
            List<RecordResult> records, List<Retained> retained, List<FieldResult> fields, int asks, Instant askedAt,
            Instant answeredAt) {

        /** As dsar-service decides: any answer but DEFERRED or FAILED ends the participant's part. */
        public boolean finalAnswer() {
            return outcome != null && !"DEFERRED".equals(outcome) && !"FAILED".equals(outcome);
        }
    }

    /** An erasure's result per record type, or what an objection stopped ({@code processing}: a purpose or type). */
    public record RecordResult(String recordType, String processing, String action, long count) {

        public String name() {
            return recordType != null ? recordType : processing;
        }
    }

    /** A rectification's answer for one field: CHANGED, UNCHANGED or REFUSED, and why. */
    public record FieldResult(String field, String outcome, String reason) {
    }

    public record Retained(String recordType, String legalBasis, Instant until) {
    }

    public record AuditEntry(Instant at, String actor, String action, String fromStatus, String toStatus,
            String detail) {
    }

    public record Summary(Map<String, Long> byStatus, Map<String, Long> openByType, long overdue,
            long dueWithin7Days, Double medianDaysToFulfil90d, long stalledParticipants) {
    }

    public record Agent(String agentId, String name, String verifyKey, String updatedAt, String updatedBy,
            long activeTokens) {
    }

    public record AgentInput(String name, String verifyKey) {
    }

    public record DrpView(String requestId, String agentId, String agentName, String agentRequestId,
            String exercise, String regime, Map<String, Object> status, Callback callback) {
    }

    public record Callback(String state, int attempts, String lastError, String nextAttemptAt, String givenUpAt) {
    }

    public record Denial(String reason) {
    }

    /** {@code months}: 1 or 2 under GDPR; null for CCPA, which always extends by 45 days. */
    public record Extension(Integer months, String reason) {
    }

    public record Reply(String message) {
    }
}
