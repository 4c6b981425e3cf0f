package org.privacysuite.consent.service;

import java.util.List;
import org.privacysuite.consent.domain.ConsentState;

/** A subject's current states and the receipt that the call produced (or the latest one, for reads). */
public record ConsentView(String subjectId, List<ConsentState> states, String receiptId) {
}
