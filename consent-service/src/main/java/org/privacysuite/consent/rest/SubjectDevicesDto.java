package org.privacysuite.consent.rest;

import java.util.List;

/** The devices linked to an account, for dsar-service's identity lookup; possibly none. */
public record SubjectDevicesDto(String subject, List<String> devices) {
}
