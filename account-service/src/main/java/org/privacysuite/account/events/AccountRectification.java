package org.privacysuite.account.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;
import org.privacysuite.account.domain.Account;
import org.privacysuite.account.domain.ProfileField;
import org.privacysuite.account.service.AccountLocks;
import org.privacysuite.events.catalogue.RectificationRequested;

/**
 * Applies corrections an officer approved to the profile fields this service owns. The username and email live in
 * Keycloak; corrections of those (and of unknown or invalid fields) are logged and left to Keycloak's own tools.
 */
@ApplicationScoped
public class AccountRectification {

    private static final Logger LOG = Logger.getLogger(AccountRectification.class);

    @Inject
    AccountLocks locks;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(RectificationRequested request) {
        Account account = locks.lock(request.subjectId()).filter(Account::isOpen).orElse(null);
        if (account == null) {
            LOG.infof("Rectification %s: no open account %s", request.requestId(), request.subjectId());
            return;
        }
        for (Map.Entry<String, String> change : request.changes().entrySet()) {
            ProfileField field = ProfileField.byJsonName(change.getKey()).orElse(null);
            String value = change.getValue() == null || change.getValue().isBlank() ? null : change.getValue().strip();
            if (field == null || field.problemWith(value).isPresent()) {
                LOG.warnf("Rectification %s: field %s not applied (not a valid profile field value)",
                        request.requestId(), change.getKey());
                continue;
            }
            field.set(account, value);
        }
        account.updatedAt = Instant.now(clock);
    }
}
