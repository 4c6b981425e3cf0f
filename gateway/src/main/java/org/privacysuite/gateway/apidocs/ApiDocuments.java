package org.privacysuite.gateway.apidocs;

import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.mutiny.Uni;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.privacysuite.gateway.config.GatewayConfig;
import org.privacysuite.gateway.routing.GatewayRoute;
import org.privacysuite.gateway.routing.UpstreamService;
import org.privacysuite.gateway.routing.Upstreams;

/**
 * The public API document: assembled at run time from every service's own {@code /q/openapi} and the gateway's own
 * document, so that it always describes the service versions that are deployed (they are deployed independently of
 * the gateway). Each service is asked with a timeout; a service that does not answer is described by its last good
 * document, or left out and named under {@code x-unavailable-services} until it answers. An assembled document is
 * served for {@code gateway.api-docs.refresh}.
 */
@ApplicationScoped
public class ApiDocuments {

    private static final Logger LOG = Logger.getLogger(ApiDocuments.class);

    private final Upstreams upstreams;
    /** The gateway's own /q/openapi document; Quarkus' runtime class, not a public API (ApiDocumentTest covers it). */
    private final OpenApiDocumentService ownDocument;
    private final GatewayConfig.ApiDocs config;
    private final String openIdConnectUrl;
    private final Clock clock = Clock.systemUTC();
    private final Map<UpstreamService, JsonObject> lastGood = new ConcurrentHashMap<>();
    private volatile Assembled current;

    ApiDocuments(Upstreams upstreams, OpenApiDocumentService ownDocument, GatewayConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl) {
        this.upstreams = upstreams;
        this.ownDocument = ownDocument;
        this.config = config.apiDocs();
        this.openIdConnectUrl = authServerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    }

    /** The merged document; assembled again once older than the refresh interval. */
    public Uni<JsonObject> current() {
        Assembled assembled = current;
        if (assembled != null && assembled.at().plus(config.refresh()).isAfter(clock.instant())) {
            return Uni.createFrom().item(assembled.document());
        }
        List<Uni<Fetched>> fetches = Arrays.stream(UpstreamService.values()).filter(UpstreamService::partOfApi)
                .map(this::fetch).toList();
        return Uni.join().all(fetches).andFailFast().map(this::assemble);
    }

    private Uni<Fetched> fetch(UpstreamService service) {
        return Uni.createFrom().completionStage(() -> upstreams.openApiDocument(service, config.timeout()).toCompletionStage())
                .map(body -> {
                    JsonObject document = body.toJsonObject();
                    lastGood.put(service, document);
                    return new Fetched(service, document);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("No OpenAPI document from %s (%s); %s", service.serviceName(), failure.toString(),
                            lastGood.containsKey(service) ? "serving its last good one" : "leaving it out");
                    return new Fetched(service, lastGood.get(service));
                });
    }

    private JsonObject assemble(List<Fetched> fetched) {
        List<ApiDocumentMerger.Source> sources = new ArrayList<>();
        // the gateway's own operations (this document's), all of them
        JsonObject own = new JsonObject(new String(ownDocument.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME,
                Format.JSON), StandardCharsets.UTF_8));
        sources.add(new ApiDocumentMerger.Source("gateway", own, path -> true));
        JsonArray unavailable = new JsonArray();
        for (Fetched one : fetched) {
            if (one.document() == null) {
                unavailable.add(one.service().serviceName());
            } else {
                sources.add(new ApiDocumentMerger.Source(one.service().serviceName(), one.document(),
                        path -> Arrays.stream(GatewayRoute.values())
                                .anyMatch(route -> route.upstream() == one.service() && route.covers(path))));
            }
        }
        JsonObject document = ApiDocumentMerger.merge(info(own.getJsonObject("info")), sources);
        document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("oidc", new JsonObject())
                .put("openIdConnectUrl", openIdConnectUrl);
        if (!unavailable.isEmpty()) {
            document.put("x-unavailable-services", unavailable);
        } else {
            // only a complete document is kept for the refresh interval; a partial one is assembled again next time
            current = new Assembled(document, clock.instant());
        }
        return document;
    }

    /** The gateway's own info (version, contact), describing the whole API. */
    private static JsonObject info(JsonObject own) {
        return own.copy()
                .put("title", "privacy-suite public API")
                .put("description", "Every operation a client can call through the gateway: consent, accounts, "
                        + "privacy requests, the Data Rights Protocol and the newsletter. Operations with the `oidc` "
                        + "requirement need a bearer access token of the realm (their `x-required-roles` say which "
                        + "realm roles); the others are public. Errors are RFC 9457 problem+json.");
    }

    private record Fetched(UpstreamService service, JsonObject document) {
    }

    private record Assembled(JsonObject document, Instant at) {
    }
}
