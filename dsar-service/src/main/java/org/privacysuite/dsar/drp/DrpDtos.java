package org.privacysuite.dsar.drp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of the DRP endpoints, with the specification's field names, and of the officers' agent endpoints. */
public final class DrpDtos {

    private DrpDtos() {
    }

    /** Section 3.03, the Exercise Status object. Timestamps are ISO 8601 strings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExerciseStatus(
            @JsonProperty("request_id") String requestId,
            @JsonProperty("received_at") String receivedAt,
            @JsonProperty("expected_by") String expectedBy,
            @JsonProperty("agent_request_id") String agentRequestId,
            @JsonProperty("processing_details") String processingDetails,
            @JsonProperty("status") String status,
            @JsonProperty("reason") String reason,
            @JsonProperty("user_verification_url") String userVerificationUrl,
            @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("results_url") String resultsUrl) {
    }

    /** Section 2.05.1, the answer to a pair-wise key setup. */
    public record AgentToken(@JsonProperty("agent-id") String agentId, @JsonProperty("token") String token) {
    }

    /** Section 3.06, an error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(@JsonProperty("code") String code, @JsonProperty("message") String message,
            @JsonProperty("fatal") Boolean fatal) {
    }

    /** What an officer sets for an agent: its consumer-legible name and its libsodium verify key. */
    public record AgentInput(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 100) String verifyKey) {
    }

    public record AgentView(String agentId, String name, String verifyKey, String updatedAt, String updatedBy,
            long activeTokens) {
    }

    /** For officers: the DRP side of a request an agent submitted, and whether the agent has been told its status. */
    public record RequestView(String requestId, String agentId, String agentName, String agentRequestId,
            String exercise, String regime, String drpVersion, String statusCallback, String revokedAt,
            String revokeReason, ExerciseStatus status, CallbackView callback) {
    }

    /**
     * {@code state}: {@code none} (no status_callback), {@code delivered} (the agent has the current status),
     * {@code pending} (due or retrying) or {@code given-up} (attempts ran out; the agent can still poll).
     */
    public record CallbackView(String state, int attempts, String lastError, String nextAttemptAt, String givenUpAt) {
    }
}
