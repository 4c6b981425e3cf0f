package org.privacysuite.newsletter.service;

/**
 * Where sending an issue stands. {@code total} = sent + failed + pending: recipients who unsubscribe before their
 * turn leave the total. {@code failed} counts recipients given up on after the configured attempts;
 * {@code personalised} how many of the sent copies were in a personalised order.
 */
public record Progress(long total, long sent, long failed, long pending, long personalised) {
}
