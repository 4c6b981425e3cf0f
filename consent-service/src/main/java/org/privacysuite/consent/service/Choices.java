package org.privacysuite.consent.service;

import java.util.Map;
import org.privacysuite.consent.domain.CollectionMethod;
import org.privacysuite.consent.domain.ConsentSource;

/**
 * Choices to record for a device or an account: granted or not per purpose, how and where they were made, and the
 * notice version each was made under where the caller says so (else the purpose's current one).
 */
public record Choices(Map<String, Boolean> granted, CollectionMethod method, String url,
        Map<String, Integer> noticeVersions, ConsentSource source) {
}
