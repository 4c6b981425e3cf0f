package org.privacysuite.consent;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.TestDatabase;

/** The real database and broker, and an OIDC server for tokens: what every consent-service test class runs on. */
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "consent"))
@WithTestResource(OidcWiremockTestResource.class)
abstract class ConsentTestBase {
}
