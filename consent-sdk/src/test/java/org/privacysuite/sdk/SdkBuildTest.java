package org.privacysuite.sdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The build's promises about the shipped files: the size budget, and a README whose SRI hashes are the real ones. */
class SdkBuildTest {

    private static Path built(String property) {
        return Path.of(System.getProperty(property));
    }

    static int gzippedSize(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.size();
    }

    static String sri(byte[] content) throws NoSuchAlgorithmException {
        return "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(content));
    }

    @Test
    void minifiedAndGzippedEachBuildStaysWithinTheBudget() throws IOException {
        int budget = Integer.parseInt(System.getProperty("sdk.budget.bytes"));
        for (Path file : new Path[] {built("sdk.file"), built("sdk.module")}) {
            int size = gzippedSize(Files.readAllBytes(file));
            System.out.printf("%s: %d bytes minified, %d bytes gzipped (budget %d)%n", file.getFileName(),
                    Files.size(file), size, budget);
            assertTrue(size <= budget, file.getFileName() + " is " + size + " bytes gzipped, over the budget of " + budget);
        }
    }

    @Test
    void readmePublishesTheIntegrityHashOfTheVersionedFiles() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String version = System.getProperty("sdk.version");
        for (Path file : new Path[] {built("sdk.file"), built("sdk.module")}) {
            String line = "/sdk/" + version + "/" + file.getFileName() + "` | `" + sri(Files.readAllBytes(file)) + "`";
            assertTrue(readme.contains(line), "README.md must publish: " + line);
        }
    }
}
