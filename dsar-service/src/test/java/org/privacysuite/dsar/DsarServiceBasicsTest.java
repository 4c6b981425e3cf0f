package org.privacysuite.dsar;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.privacysuite.testsupport.IdentityDirectoryStub;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.ServiceBasicsContract;
import org.privacysuite.testsupport.TestDatabase;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "dsar"))
@WithTestResource(IdentityDirectoryStub.class)
class DsarServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected MethodProbe methodProbe() {
        return new MethodProbe("/v1/agent/SOME_AGENT", "DELETE", "POST");
    }
}
