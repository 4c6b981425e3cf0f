package org.privacysuite.commons.problem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.privacysuite.testsupport.TestDatabase;

/**
 * The real database every service-commons test runs on, and an OIDC server that signs the test tokens (one
 * application for all test classes).
 */
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "commons"))
@WithTestResource(OidcWiremockTestResource.class)
public abstract class CommonsTestBase {
}
