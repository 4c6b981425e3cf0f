package org.privacysuite.gateway.routing;

import java.net.URI;
import java.util.function.Function;
import org.privacysuite.gateway.config.GatewayConfig;

/** The services behind the gateway, named as in the architecture contract and in metrics and health data. */
public enum UpstreamService {

    CONSENT("consent-service", GatewayConfig.Upstream::consentService),
    ACCOUNT("account-service", GatewayConfig.Upstream::accountService),
    DSAR("dsar-service", GatewayConfig.Upstream::dsarService),
    NEWSLETTER("newsletter-service", GatewayConfig.Upstream::newsletterService);

    private final String serviceName;
    private final Function<GatewayConfig.Upstream, URI> baseUrl;

    UpstreamService(String serviceName, Function<GatewayConfig.Upstream, URI> baseUrl) {
        this.serviceName = serviceName;
        this.baseUrl = baseUrl;
    }

    public String serviceName() {
        return serviceName;
    }

    URI baseUrl(GatewayConfig.Upstream config) {
        return baseUrl.apply(config);
    }
}
