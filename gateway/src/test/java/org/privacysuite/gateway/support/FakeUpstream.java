package org.privacysuite.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for one service. By the end of the path:
 * {@code /hang} never answers, {@code /problem} answers 409 problem+json, {@code /unavailable} a 503 problem with
 * Retry-After, {@code /page} an HTML page; anything else is echoed back as JSON (service, method, path, query,
 * headers, body). {@code /q/health/ready} answers as {@link #setReady(boolean)} says and {@code /q/openapi} with
 * {@link #openApiDocument()}; neither is counted.
 */
public final class FakeUpstream {

    public static final String PROBLEM_BODY = "{\"type\":\"https://privacy-suite.org/problems/consent-missing\","
            + "\"title\":\"Consent missing\",\"status\":409,\"detail\":\"No consent for app-usage-data\","
            + "\"instance\":\"/from-the-service\"}";

    private final Vertx vertx;
    private final String name;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean ready = true;
    private HttpServer server;
    private int port;

    FakeUpstream(Vertx vertx, String name) {
        this.vertx = vertx;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Requests received, readiness probes not counted. */
    public int requests() {
        return requests.get();
    }

    public void setReady(boolean ready) {
        this.ready = ready;
    }

    public boolean running() {
        return server != null;
    }

    /** Listens again on the same port after {@link #stop()}, or on a free one the first time. */
    public synchronized void start() {
        server = await(vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1").toCompletionStage()
                .toCompletableFuture());
        port = server.actualPort();
    }

    /** Afterwards connections to its port are refused. */
    public synchronized void stop() {
        if (server != null) {
            await(server.close().toCompletionStage().toCompletableFuture());
            server = null;
        }
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/q/health/ready")) {
            request.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("status", ready ? "UP" : "DOWN").encode());
            return;
        }
        if (path.equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(openApiDocument().encode());
            return;
        }
        requests.incrementAndGet();
        if (path.endsWith("/hang")) {
            return;
        }
        if (path.endsWith("/problem")) {
            request.response().setStatusCode(409).putHeader("Content-Type", "application/problem+json")
                    .putHeader("X-Served-By", name).end(PROBLEM_BODY);
            return;
        }
        if (path.endsWith("/unavailable")) {
            request.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                    .putHeader("Retry-After", "7")
                    .end("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"from "
                            + name + "\"}");
            return;
        }
        if (path.endsWith("/page")) {
            request.response().putHeader("Content-Type", "text/html; charset=UTF-8")
                    .end("<!doctype html><title>Unsubscribed</title><p>You are unsubscribed.</p>");
            return;
        }
        request.body().onSuccess(body -> echo(request, body));
    }

    /** The path prefix the gateway routes to this service. */
    public String apiPrefix() {
        return switch (name) {
            case "consent-service" -> "/api/consent";
            case "account-service" -> "/api/accounts";
            case "dsar-service" -> "/api/privacy-requests";
            default -> "/api/newsletter";
        };
    }

    /**
     * A small OpenAPI document: {@code <apiPrefix>/things}, which the gateway routes here, and {@code /internal/<name>},
     * which it does not; a {@code Thing} schema whose shape differs between the services, and an unused schema.
     */
    public JsonObject openApiDocument() {
        JsonObject thing = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put(name.replace("-service", "") + "Field", new JsonObject().put("type", "string")));
        JsonObject operation = new JsonObject().put("operationId", name + "_things").put("summary", "Things")
                .put("tags", new JsonArray().add(name))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")
                        .put("content", new JsonObject().put("application/json", new JsonObject()
                                .put("schema", new JsonObject().put("$ref", "#/components/schemas/Thing"))))));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", name).put("version", "1"))
                .put("tags", new JsonArray().add(new JsonObject().put("name", name).put("description", "Of " + name))
                        .add(new JsonObject().put("name", "internal-" + name)))
                .put("paths", new JsonObject()
                        .put(apiPrefix() + "/things", new JsonObject().put("get", operation))
                        .put("/internal/" + name, new JsonObject().put("get", operation.copy()
                                .put("operationId", name + "_internal").put("tags", new JsonArray().add("internal-" + name)))))
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put("Thing", thing)
                        .put("Unused" + name.replace("-", ""), new JsonObject().put("type", "string"))));
    }

    private void echo(HttpServerRequest request, Buffer body) {
        JsonObject headers = new JsonObject();
        request.headers().names().forEach(header -> headers.put(header.toLowerCase(),
                String.join(",", request.headers().getAll(header))));
        JsonObject echo = new JsonObject()
                .put("service", name)
                .put("method", request.method().name())
                .put("path", request.path())
                .put("query", request.query())
                .put("headers", headers)
                .put("bodyLength", body.length())
                .put("bodySha256", sha256(body.getBytes()))
                .put("body", body.length() <= 4096 ? body.toString() : null);
        request.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Served-By", name)
                .putHeader("Set-Cookie", "served-by=" + name + "; Path=/")
                // a service's own values for headers the gateway sets: they must not come out twice
                .putHeader("X-Content-Type-Options", "from-service")
                .putHeader("X-Correlation-Id", "from-service")
                .end(echo.encode());
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The stand-in service did not start or stop", e);
        }
    }
}
