package org.privacysuite.gateway.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The resources every gateway test runs with (declared once, global): a mock OIDC server for tokens and the four
 * stand-in services.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(FakeUpstreams.class)
public final class GatewayTestResources {

    private GatewayTestResources() {
    }
}
