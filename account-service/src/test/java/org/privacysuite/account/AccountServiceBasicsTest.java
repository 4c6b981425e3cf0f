package org.privacysuite.account;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.ServiceBasicsContract;
import org.privacysuite.testsupport.TestDatabase;

/** The same resources as {@link AccountTestBase}, so that all test classes share one application. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "account"))
@WithTestResource(AccountKeycloak.class)
@WithTestResource(ConsentStub.class)
class AccountServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected MethodProbe methodProbe() {
        return new MethodProbe("/api/accounts/me/closure", "PUT", "POST");
    }
}
