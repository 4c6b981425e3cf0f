package org.privacysuite.consentclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** consent-service's answer; unknown fields are ignored so that the service may add some. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsentDecision(boolean allowed, String purpose, String subject, Integer noticeVersion,
        Instant decidedAt, String reason) {
}
