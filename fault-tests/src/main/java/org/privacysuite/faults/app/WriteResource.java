package org.privacysuite.faults.app;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.outbox.Outbox;

/** A business write as every service does it: a row and its event, in one transaction. Answers the event id. */
@Path("/writes")
public class WriteResource {

    @Inject
    DataSource dataSource;

    @Inject
    Outbox outbox;

    @POST
    @Path("/{subject}")
    @Produces(MediaType.TEXT_PLAIN)
    @Transactional
    public String write(@PathParam("subject") String subject, @QueryParam("granted") @DefaultValue("true") boolean granted)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO fault_write (subject_id, granted) VALUES (?, ?)")) {
            insert.setString(1, subject);
            insert.setBoolean(2, granted);
            insert.executeUpdate();
        }
        return outbox.publish(new ConsentChanged(subject, "newsletter-personalisation", granted, 1, Instant.now()))
                .toString();
    }
}
