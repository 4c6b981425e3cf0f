package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.check;
import static org.privacysuite.k8s.Manifests.id;
import static org.privacysuite.k8s.Manifests.name;
import static org.privacysuite.k8s.Manifests.podSpec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The database tier holds the suite's legal evidence (consent receipts, request audit trails). Production runs it on
 * Amazon RDS for MySQL Multi-AZ in ca-central-1 (declared for the ACK rds- and kms-controllers): more than one
 * instance, backups with point-in-time recovery, encryption with a key in Canada, deletion protection, TLS, and every
 * database client pointed at it. The local overlay keeps one small MySQL pod. docs/deploy.md argues the choice.
 */
class DatabaseTierTest {

    private static final String REGION = "ca-central-1";
    private static final String RDS_API = "rds.services.k8s.aws/v1alpha1";

    @Test
    void productionRunsMultiAzRdsInCanadaWithBackupsEncryptionAndDeletionProtection() {
        Manifests m = RenderedManifests.render("production");
        List<String> problems = new ArrayList<>();
        List<JsonNode> instances = m.ofKind("DBInstance");
        check(instances.size() == 1, "production: expected one DBInstance (RDS), found " + instances.size(), problems);
        for (JsonNode db : instances) {
            JsonNode spec = db.path("spec");
            String where = id(db);
            check(spec.path("engine").asText().equals("mysql") && spec.path("engineVersion").asText().startsWith("8."),
                    where + ": engine is not MySQL 8", problems);
            // Multi-AZ: a primary and a synchronous standby in another zone, i.e. more than one instance.
            check(spec.path("multiAZ").asBoolean(false), where + ": not Multi-AZ (a single instance)", problems);
            // Automated backups with point-in-time recovery: RDS keeps them backupRetentionPeriod days (0 = none).
            check(spec.path("backupRetentionPeriod").asInt(0) >= 7, where + ": backupRetentionPeriod "
                    + spec.path("backupRetentionPeriod").asText("unset") + " (automated backups and PITR need >= 7 days)", problems);
            check(spec.path("deletionProtection").asBoolean(false), where + ": no deletionProtection", problems);
            check(!spec.path("publiclyAccessible").asBoolean(true), where + ": publiclyAccessible is not false", problems);
            check(spec.path("storageEncrypted").asBoolean(false), where + ": storage not encrypted", problems);
            String key = spec.path("kmsKeyRef").path("from").path("name").asText();
            check(m.find("Key", key).filter(k -> inCanada(k)).isPresent(),
                    where + ": kmsKeyRef does not name a KMS Key of the overlay in " + REGION, problems);
            String subnets = spec.path("dbSubnetGroupRef").path("from").path("name").asText();
            Optional<JsonNode> group = m.find("DBSubnetGroup", subnets);
            check(group.filter(g -> inCanada(g) && g.path("spec").path("subnetIDs").size() >= 2).isPresent(),
                    where + ": dbSubnetGroupRef does not name a DBSubnetGroup in " + REGION + " with subnets in >= 2 zones", problems);
            String parameters = spec.path("dbParameterGroupRef").path("from").path("name").asText();
            check(m.find("DBParameterGroup", parameters)
                            .filter(p -> "1".equals(p.path("spec").path("parameterOverrides").path("require_secure_transport").asText()))
                            .isPresent(),
                    where + ": its DBParameterGroup does not set require_secure_transport=1", problems);
            JsonNode password = spec.path("masterUserPassword");
            check(m.providedSecrets().contains(password.path("name").asText())
                            && m.secretKeys(password.path("name").asText()).contains(password.path("key").asText()),
                    where + ": masterUserPassword names no Secret key the overlay provides", problems);
        }
        for (String kind : List.of("DBInstance", "DBSubnetGroup", "DBParameterGroup", "Key")) {
            for (JsonNode o : m.ofKind(kind)) {
                check(inCanada(o), id(o) + ": not annotated services.k8s.aws/region=" + REGION, problems);
                check(!o.path("apiVersion").asText().startsWith("rds.") || o.path("apiVersion").asText().equals(RDS_API),
                        id(o) + ": apiVersion", problems);
            }
        }
        check(m.find("StatefulSet", "mysql").isEmpty(), "production: still runs the single MySQL pod of the base", problems);
        m.assertNoProblems("database tier", problems);
    }

    @Test
    void productionClientsReachTheRdsEndpointOverTls() {
        Manifests m = RenderedManifests.render("production");
        List<String> problems = new ArrayList<>();
        JsonNode service = m.get("Service", "mysql");
        check(service.path("spec").path("type").asText().equals("ExternalName")
                        && service.path("spec").path("externalName").asText().endsWith("." + REGION + ".rds.amazonaws.com"),
                "Service/mysql is not an ExternalName for an RDS endpoint in " + REGION, problems);
        for (String svc : Manifests.SERVICES) {
            Manifests.EnvVar url = m.env(m.serviceContainer(svc)).get("DB_URL");
            if (url != null) {
                check(url.value().startsWith("jdbc:mysql://mysql:3306/") && url.value().contains("sslMode=REQUIRED"),
                        svc + ": DB_URL " + url.value() + " does not reach Service mysql with sslMode=REQUIRED", problems);
            }
        }
        for (JsonNode keycloak : m.ofKind("Keycloak")) {
            check(keycloak.path("spec").path("db").path("host").asText().equals("mysql"), id(keycloak) + ": db.host is not mysql", problems);
            boolean tls = false;
            for (JsonNode option : keycloak.path("spec").path("additionalOptions")) {
                tls |= option.path("name").asText().equals("db-url-properties") && option.path("value").asText().contains("sslMode=REQUIRED");
            }
            check(tls, id(keycloak) + ": no db-url-properties with sslMode=REQUIRED", problems);
        }
        // The bootstrap Job runs the init script against the endpoint and reaches nothing but the database subnets.
        JsonNode job = m.get("Job", "mysql-bootstrap");
        check(m.databaseCreator() == podSpec(job).path("containers").get(0), "the init script is not run by Job/mysql-bootstrap", problems);
        for (JsonNode np : m.ofKind("NetworkPolicy")) {
            if (!name(np).equals("mysql-bootstrap")) {
                continue;
            }
            check(np.path("spec").path("ingress").isEmpty(), id(np) + ": admits ingress", problems);
            for (JsonNode rule : np.path("spec").path("egress")) {
                check(NetworkPolicyTest.isManagedDatabaseRule(m, rule), id(np) + ": egress beyond the database subnets: " + rule, problems);
            }
        }
        m.assertNoProblems("database clients", problems);
    }

    @Test
    void localKeepsOneSmallMysqlPod() {
        Manifests m = RenderedManifests.render("local");
        List<String> problems = new ArrayList<>();
        check(m.ofKind("DBInstance").isEmpty(), "local: renders an RDS DBInstance", problems);
        JsonNode mysql = m.get("StatefulSet", "mysql");
        check(mysql.path("spec").path("replicas").asInt() == 1, "local: StatefulSet/mysql is not one replica", problems);
        check(m.databaseCreator() == podSpec(mysql).path("containers").get(0), "local: the MySQL pod does not run the init script", problems);
        m.assertNoProblems("local database", problems);
    }

    private static boolean inCanada(JsonNode o) {
        return REGION.equals(o.path("metadata").path("annotations").path("services.k8s.aws/region").asText());
    }
}
