package org.privacysuite.dsar.service;

/**
 * Fired (synchronously, inside the transaction) for every audit trail entry of a request: every change of a request
 * is audited, so observers learn of each one without each action having to tell them.
 */
public record RequestChanged(String requestId) {
}
