package org.privacysuite.account;

import java.util.HashMap;
import java.util.Map;
import org.privacysuite.testsupport.KeycloakServer;

/** The real Keycloak of test-support, for token validation and for the admin client alike. */
public class AccountKeycloak extends KeycloakServer {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.keycloak.admin-client.server-url", KeycloakServer.baseUrl());
        return config;
    }
}
