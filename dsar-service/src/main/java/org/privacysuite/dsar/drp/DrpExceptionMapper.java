package org.privacysuite.dsar.drp;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers DRP failures in the protocol's own error shape instead of problem+json. */
public class DrpExceptionMapper {

    private static final Logger LOG = Logger.getLogger(DrpExceptionMapper.class);

    @ServerExceptionMapper
    public Response drp(DrpException e) {
        LOG.debugf("DRP request refused with %d: %s", e.status(), e.getMessage());
        if (e.emptyBody()) {
            return Response.status(e.status()).build();
        }
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new DrpDtos.Error(Integer.toString(e.status()), e.getMessage(), e.fatal() ? Boolean.TRUE : null));
        if (e.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }
}
