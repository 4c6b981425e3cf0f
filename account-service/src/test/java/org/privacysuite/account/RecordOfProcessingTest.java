package org.privacysuite.account;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.account.events.AccountParticipant;
import org.privacysuite.testsupport.RecordOfProcessingContract;

/** Every table of account-service's schema is declared in its record of processing, or holds no personal data. */
@QuarkusTest
class RecordOfProcessingTest extends AccountTestBase {

    @Inject
    AgroalDataSource database;

    @Inject
    AccountParticipant participant;

    @Test
    void everyTableIsDeclared() throws Exception {
        RecordOfProcessingContract.assertEveryTableDeclared(database,
                participant.recordTypes().stream().flatMap(t -> t.stores().stream()).toList(), Map.of(
                        "account_job_lease", "which replica runs the lifecycle job"));
    }
}
