package org.privacysuite.dsar.drp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.privacysuite.dsar.config.DsarConfig;

/**
 * Posts an Exercise Status to an agent's {@code status_callback} (section 2.03) with the JDK HTTP client: bounded
 * connect and response times, no redirects followed, the response body discarded as 2.03.1 asks. Retries are the
 * queue's business ({@link DrpCallbackQueue}), so they survive restarts.
 */
@ApplicationScoped
public class DrpCallbackSender {

    /** How one attempt ended; {@code permanent} failures are not retried. */
    public record Outcome(boolean delivered, boolean permanent, String error) {
        static Outcome ok() {
            return new Outcome(true, false, null);
        }

        static Outcome retry(String error) {
            return new Outcome(false, false, error);
        }

        static Outcome refuse(String error) {
            return new Outcome(false, true, error);
        }
    }

    private final HttpClient client;
    private final DsarConfig.Drp.Callbacks settings;

    @Inject
    public DrpCallbackSender(DsarConfig config) {
        this.settings = config.drp().callbacks();
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Outcome post(String url, String json) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Outcome.refuse("not a URL");
        }
        String refusal = refusal(uri, settings.publicHttpsOnly());
        if (refusal != null) {
            return Outcome.refuse(refusal);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Outcome.ok() : Outcome.retry("the agent answered HTTP " + status);
        } catch (IOException e) {
            return Outcome.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted");
        }
    }

    /**
     * Why a URL may not be called, or null. With {@code publicHttpsOnly}, only https to hosts that resolve to public
     * addresses: an agent must not be able to make this service call into its own network.
     */
    static String refusal(URI uri, boolean publicHttpsOnly) {
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            return "not an http(s) URL";
        }
        if (!publicHttpsOnly) {
            return null;
        }
        if (!"https".equals(scheme)) {
            return "only https callbacks are allowed";
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!isPublic(address)) {
                    return "the host resolves to a non-public address";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return null; // may resolve later; the attempt itself fails and is retried
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            return (raw[0] & 0xfe) != 0xfc; // fc00::/7, unique local
        }
        return !((raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64); // 100.64.0.0/10, carrier-grade NAT
    }
}
