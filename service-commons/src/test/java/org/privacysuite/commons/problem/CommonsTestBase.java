package org.privacysuite.commons.problem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import org.privacysuite.testsupport.TestDatabase;

/** The real database every service-commons test runs on (one application for all test classes). */
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "commons"))
public abstract class CommonsTestBase {
}
