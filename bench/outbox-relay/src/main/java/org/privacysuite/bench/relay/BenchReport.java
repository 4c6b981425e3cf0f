package org.privacysuite.bench.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's table on stdout (the RESULT line last, for bench/run-all) and its progress on stderr. */
final class BenchReport {

    /** Issue 18, goal 4: the relay at least half as fast as a raw acks=all producer. */
    static final double GOAL = 0.5;

    private final int records;
    private final int batchSize;
    private final int writeTransaction;
    private final List<String> rows = new ArrayList<>();

    BenchReport(int records, int batchSize, int writeTransaction) {
        this.records = records;
        this.batchSize = batchSize;
        this.writeTransaction = writeTransaction;
    }

    /** Both passes' times (index 0 the warm-up), the ratio of the measured pass, and how its rounds split. */
    void print(double[] raw, Drain[] relayed, double[] written, String loadBefore, String loadAfter) {
        double rawRate = records / raw[1];
        double relayRate = records / relayed[1].seconds();
        double ratio = relayRate / rawRate;
        row("variant", "records", "seconds", "records/s");
        for (int pass = 0; pass < 2; pass++) {
            String suffix = pass == 0 ? " (warm-up)" : "";
            row("raw producer" + suffix, raw[pass]);
            row("outbox relay" + suffix, relayed[pass].seconds());
            row("outbox write" + suffix, written[pass]);
        }
        rows.add("");
        rows.add(String.format(Locale.ROOT, "ratio relay/raw (measured pass): %.2f   goal >= %.2f   %s", ratio, GOAL,
                ratio >= GOAL ? "PASS" : "FAIL"));
        Drain measured = relayed[1];
        rows.add(String.format(Locale.ROOT, "relay rounds (measured): %d of up to %d rows, %.1f ms each: %.1f ms"
                + " lease + claim + Kafka transaction, %.1f ms marking", measured.rounds(), batchSize,
                1000 * measured.seconds() / measured.rounds(), 1000 * measured.untilAckedSeconds() / measured.rounds(),
                1000 * (measured.seconds() - measured.untilAckedSeconds()) / measured.rounds()));
        rows.add("outbox write: Outbox.publish in transactions of " + writeTransaction + ", not part of the ratio");
        rows.add("load average before: " + loadBefore + "   after: " + loadAfter);
        rows.add(String.format(Locale.ROOT, "RESULT outbox-relay raw=%.0f relay=%.0f ratio=%.2f", rawRate, relayRate,
                ratio));
        rows.forEach(System.out::println);
    }

    private void row(String variant, Object count, Object seconds, Object rate) {
        rows.add(String.format(Locale.ROOT, "%-24s %9s %9s %11s", variant, count, seconds, rate));
    }

    private void row(String variant, double seconds) {
        row(variant, records, String.format(Locale.ROOT, "%.2f", seconds),
                String.format(Locale.ROOT, "%.0f", records / seconds));
    }

    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    static void progress(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
