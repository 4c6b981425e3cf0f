package org.privacysuite.consent.service;

/**
 * Where a decision came from, kept as proof with as little personal data as serves that purpose: the browser
 * family rather than the user agent, a truncated address, and whether a Global Privacy Control signal was sent.
 */
public record RequestOrigin(String userAgentFamily, String ipTruncated, boolean gpc) {
}
