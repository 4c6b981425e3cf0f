package org.privacysuite.faults;

import java.time.Duration;

/**
 * What a service's health endpoints said while a fault lasted, probed every half second: how often readiness
 * (what a Kubernetes readiness probe asks) was not 200, and how often the broker group reported the broker down.
 */
record HealthWatch(int probes, int notReady, int brokerDown) {

    /** Probes {@code service} until {@code duration} is over. */
    static HealthWatch during(AppProcess service, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        int probes = 0;
        int notReady = 0;
        int brokerDown = 0;
        while (System.nanoTime() < end) {
            probes++;
            if (service.status("/q/health/ready") != 200) {
                notReady++;
            }
            if (service.status("/q/health/group/kafka") == 503) {
                brokerDown++;
            }
            Processes.sleep(500);
        }
        return new HealthWatch(probes, notReady, brokerDown);
    }

    @Override
    public String toString() {
        return String.format("readiness not 200 in %d of %d probes, broker check DOWN in %d", notReady, probes,
                brokerDown);
    }
}
