package org.privacysuite.dsar.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The two lookups, each bounded in time and tried three times (a restarting pod); past that the caller learns
 * {@link IdentitiesUnavailable} and the saga waits for the job's next try, so nothing is lost and no request starts
 * with fewer identities than the person has.
 */
@ApplicationScoped
public class Directories {

    @Inject
    @RestClient
    AccountDirectoryApi accounts;

    @Inject
    @RestClient
    LinkedDevicesApi devices;

    /** The accounts with these verified addresses, and this account (with its address if verified). */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200)
    public List<AccountDirectoryApi.Account> accounts(String subject, List<String> emails) {
        try {
            AccountDirectoryApi.Accounts answer = accounts.lookup(new AccountDirectoryApi.Lookup(emails,
                    subject == null ? List.of() : List.of(subject)));
            return answer == null || answer.accounts() == null ? List.of() : answer.accounts();
        } catch (RuntimeException e) {
            throw new IdentitiesUnavailable("account-service could not look up the account", e);
        }
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200)
    public List<String> linkedDevices(String subject) {
        try {
            LinkedDevicesApi.Devices answer = devices.devicesOf(subject);
            return answer == null || answer.devices() == null ? List.of() : answer.devices();
        } catch (RuntimeException e) {
            throw new IdentitiesUnavailable("consent-service could not list the account's devices", e);
        }
    }
}
