package org.privacysuite.dsar.drp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.config.DsarConfig;

/** Which callback URLs are called, and how long failed callbacks wait. No network: literal addresses only. */
class DrpCallbackRulesTest {

    private static String refusal(String url, boolean publicHttpsOnly) {
        return DrpCallbackSender.refusal(URI.create(url), publicHttpsOnly);
    }

    @Test
    void onADeveloperMachineAnyHttpUrlIsCalled() {
        assertNull(refusal("http://127.0.0.1:8001/update_status", false));
        assertNull(refusal("https://agent.example/cb", false));
        assertNotNull(refusal("ftp://agent.example/cb", false));
        assertNotNull(refusal("file:///etc/passwd", false));
        assertNotNull(refusal("https:relative", false));
    }

    @Test
    void inAClusterOnlyHttpsToPublicAddressesIsCalled() {
        assertNull(refusal("https://93.184.215.14/cb", true));
        assertNull(refusal("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/cb", true));
        assertNotNull(refusal("http://93.184.215.14/cb", true), "plain http");
        for (String internal : new String[] {"127.0.0.1", "10.0.0.7", "172.16.3.4", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "[::1]", "[fd00::1]", "[fe80::1]"}) {
            assertNotNull(refusal("https://" + internal + "/cb", true), internal + " must be refused");
        }
    }

    @Test
    void failedCallbacksWaitTwiceAsLongEachTimeUpToTheMaximum() {
        DsarConfig.Drp.Callbacks settings = new DsarConfig.Drp.Callbacks() {
            public String every() {
                return "5s";
            }

            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            public Duration firstBackoff() {
                return Duration.ofSeconds(30);
            }

            public Duration maxBackoff() {
                return Duration.ofMinutes(5);
            }

            public int maxAttempts() {
                return 20;
            }

            public boolean publicHttpsOnly() {
                return true;
            }
        };
        assertEquals(Duration.ofSeconds(30), DrpCallbackQueue.backoff(settings, 1));
        assertEquals(Duration.ofSeconds(60), DrpCallbackQueue.backoff(settings, 2));
        assertEquals(Duration.ofSeconds(240), DrpCallbackQueue.backoff(settings, 4));
        assertEquals(Duration.ofMinutes(5), DrpCallbackQueue.backoff(settings, 5));
        assertEquals(Duration.ofMinutes(5), DrpCallbackQueue.backoff(settings, 19));
    }
}
