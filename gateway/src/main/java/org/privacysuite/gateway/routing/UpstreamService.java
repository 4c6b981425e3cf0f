package org.privacysuite.gateway.routing;

import java.net.URI;
import java.util.function.Function;
import org.privacysuite.gateway.config.GatewayConfig;

/** The services behind the gateway, named as in the architecture contract and in metrics and health data. */
public enum UpstreamService {

    CONSENT("consent-service", GatewayConfig.Upstream::consentService),
    ACCOUNT("account-service", GatewayConfig.Upstream::accountService),
    DSAR("dsar-service", GatewayConfig.Upstream::dsarService),
    NEWSLETTER("newsletter-service", GatewayConfig.Upstream::newsletterService),
    // a web application for people, not part of the API: its outage must not make the API unready, and it has no
    // place in the API document
    CONSOLE("officer-console", GatewayConfig.Upstream::officerConsole, false);

    private final String serviceName;
    private final Function<GatewayConfig.Upstream, URI> baseUrl;
    private final boolean partOfApi;

    UpstreamService(String serviceName, Function<GatewayConfig.Upstream, URI> baseUrl) {
        this(serviceName, baseUrl, true);
    }

    UpstreamService(String serviceName, Function<GatewayConfig.Upstream, URI> baseUrl, boolean partOfApi) {
        this.serviceName = serviceName;
        this.baseUrl = baseUrl;
        this.partOfApi = partOfApi;
    }

    public String serviceName() {
        return serviceName;
    }

    /**
     * Whether the upstream serves the public API: the gateway is ready only while it is, and its operations are in
     * the merged API document.
     */
    public boolean partOfApi() {
        return partOfApi;
    }

    URI baseUrl(GatewayConfig.Upstream config) {
        return baseUrl.apply(config);
    }
}
