package org.privacysuite.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the four stand-in services on free ports before the gateway boots and points the gateway at them. Tests
 * get hold of them with {@link InjectFakeUpstreams}.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    private static final String[] SERVICES = { "consent-service", "account-service", "dsar-service", "newsletter-service",
            "officer-console" };

    private Vertx vertx;
    private final Map<String, FakeUpstream> upstreams = new LinkedHashMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new LinkedHashMap<>();
        for (String service : SERVICES) {
            FakeUpstream upstream = new FakeUpstream(vertx, service);
            upstream.start();
            upstreams.put(service, upstream);
            config.put("gateway.upstream." + service, "http://127.0.0.1:" + upstream.port());
        }
        return config;
    }

    public FakeUpstream get(String service) {
        return upstreams.get(service);
    }

    /** Back to the starting state: every service listening and ready. */
    public void restoreAll() {
        upstreams.values().forEach(upstream -> {
            if (!upstream.running()) {
                upstream.start();
            }
            upstream.setReady(true);
        });
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(InjectFakeUpstreams.class, FakeUpstreams.class));
    }

    @Override
    public void stop() {
        upstreams.values().forEach(FakeUpstream::stop);
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
