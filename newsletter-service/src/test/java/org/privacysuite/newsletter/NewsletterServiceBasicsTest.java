package org.privacysuite.newsletter;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.ServiceBasicsContract;
import org.privacysuite.testsupport.TestDatabase;

/** The operators' contract (health with DB and Kafka, OpenAPI, problem+json, backbone metrics), on the same resources as the other tests. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "newsletter"))
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(ConsentStub.class)
class NewsletterServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected MethodProbe methodProbe() {
        return new MethodProbe("/api/newsletter/topics", "DELETE", "GET");
    }
}
