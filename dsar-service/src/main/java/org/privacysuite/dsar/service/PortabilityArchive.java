package org.privacysuite.dsar.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Art. 20 package as a zip: one CSV (RFC 4180, UTF-8, header row) per record type, named
 * {@code <section>/<record-type>.csv}, and {@code manifest.json} listing them with their row counts. The columns are
 * the keys of the record type's rows in the participant's order (docs/portability.md documents each), written by
 * {@link CsvRows}.
 */
@ApplicationScoped
public class PortabilityArchive {

    /** {@code export}: the JSON package of a PORTABILITY request ({@link ExportPackages#assemble}). */
    public byte[] zip(ObjectNode export) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            ObjectNode manifest = export.deepCopy();
            ObjectNode files = manifest.putObject("sections");
            for (Map.Entry<String, JsonNode> section : export.path("sections").properties()) {
                ObjectNode listed = files.putObject(section.getKey());
                for (Map.Entry<String, JsonNode> recordType : section.getValue().properties()) {
                    String name = section.getKey() + "/" + recordType.getKey() + ".csv";
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(CsvRows.write(recordType.getValue()));
                    zip.closeEntry();
                    listed.putObject(recordType.getKey()).put("file", name).put("rows", recordType.getValue().size());
                }
            }
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest.toPrettyString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
