package org.privacysuite.console.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.privacysuite.console.api.DsarViews.Agent;
import org.privacysuite.console.api.DsarViews.AgentInput;
import org.privacysuite.console.api.DsarViews.AuditEntry;
import org.privacysuite.console.api.DsarViews.Denial;
import org.privacysuite.console.api.DsarViews.DrpView;
import org.privacysuite.console.api.DsarViews.Extension;
import org.privacysuite.console.api.DsarViews.Reply;
import org.privacysuite.console.api.DsarViews.RequestView;
import org.privacysuite.console.api.DsarViews.Summary;

/** dsar-service's officer API (its README), called as the signed-in officer. */
@Path("/api/privacy-requests")
@RegisterRestClient(configKey = "dsar")
@RegisterProvider(OfficerTokenFilter.class)
@Produces(MediaType.APPLICATION_JSON)
public interface DsarApi {

    /** A page of requests: the body a JSON array, the next page in an RFC 8288 {@code Link} header. */
    @GET
    Response list(@BeanParam QueueQuery query);

    @GET
    @Path("/summary")
    Summary summary();

    @GET
    @Path("/{id}")
    RequestView get(@PathParam("id") String id);

    @GET
    @Path("/{id}/audit")
    List<AuditEntry> audit(@PathParam("id") String id);

    @GET
    @Path("/{id}/drp")
    DrpView drp(@PathParam("id") String id);

    @POST
    @Path("/{id}/approve")
    RequestView approve(@PathParam("id") String id);

    @POST
    @Path("/{id}/deny")
    RequestView deny(@PathParam("id") String id, Denial denial);

    @POST
    @Path("/{id}/extend")
    RequestView extend(@PathParam("id") String id, Extension extension);

    @POST
    @Path("/{id}/reply")
    RequestView reply(@PathParam("id") String id, Reply reply);

    @POST
    @Path("/{id}/close")
    RequestView close(@PathParam("id") String id);

    @POST
    @Path("/{id}/participants/{service}/reask")
    RequestView reask(@PathParam("id") String id, @PathParam("service") String service);

    @GET
    @Path("/agents")
    List<Agent> agents();

    @PUT
    @Path("/agents/{agentId}")
    Agent putAgent(@PathParam("agentId") String agentId, AgentInput input);

    @DELETE
    @Path("/agents/{agentId}")
    void removeAgent(@PathParam("agentId") String agentId);
}
