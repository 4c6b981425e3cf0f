package org.privacysuite.commons.problem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Writes that lose a race with another transaction, as a service's would. */
@Path("/probe/versioned/{id}")
public class ConflictProbeResource {

    @Inject
    EntityManager em;

    @POST
    @Transactional
    public String create(@PathParam("id") String id) {
        VersionedProbe probe = new VersionedProbe();
        probe.id = id;
        probe.label = "created";
        probe.persist();
        return "created";
    }

    /** Reads the row, lets another transaction change it in between, then writes: a real version conflict. */
    @POST
    @Path("/stale-update")
    @Transactional
    public String staleUpdate(@PathParam("id") String id) {
        VersionedProbe mine = VersionedProbe.findById(id);
        QuarkusTransaction.requiringNew().run(() -> {
            VersionedProbe theirs = VersionedProbe.findById(id);
            theirs.label = "changed by the other request";
        });
        mine.label = "changed by this request";
        return "updated"; // the version check fails when this transaction flushes at commit
    }

    /** Inserts a row whose key exists: what the slower of two concurrent first writes runs into. */
    @POST
    @Path("/duplicate")
    @Transactional
    public String duplicate(@PathParam("id") String id) {
        em.createNativeQuery("INSERT INTO versioned_probe (id, label, version) VALUES (?1, 'again', 0)")
                .setParameter(1, id).executeUpdate();
        return "inserted";
    }
}
