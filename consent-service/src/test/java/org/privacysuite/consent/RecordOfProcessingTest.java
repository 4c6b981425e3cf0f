package org.privacysuite.consent;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.consent.events.ConsentParticipant;
import org.privacysuite.testsupport.RecordOfProcessingContract;

/** Every table of consent-service's schema is declared in its record of processing, or holds no personal data. */
@QuarkusTest
class RecordOfProcessingTest extends ConsentTestBase {

    @Inject
    AgroalDataSource database;

    @Inject
    ConsentParticipant participant;

    @Test
    void everyTableIsDeclared() throws Exception {
        RecordOfProcessingContract.assertEveryTableDeclared(database,
                participant.recordTypes().stream().flatMap(t -> t.stores().stream()).toList(), Map.of(
                        "purpose", "the purpose catalogue: texts and settings, about no one",
                        "purpose_notice", "every published notice text; the publishing officer's id is staff"
                                + " accountability, not data of the people the purposes are about"));
    }
}
