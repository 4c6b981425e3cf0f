package org.privacysuite.dsar.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flat JSON rows as CSV (RFC 4180: UTF-8, a header row, CRLF line ends, quoting by jackson-dataformat-csv): the
 * portability package's files and the record of processing. The header comes from the first row's keys (every row
 * has the same keys in the same order); a nested value is written as its JSON; no rows, an empty file.
 */
public final class CsvRows {

    private static final CsvMapper CSV = new CsvMapper();

    private CsvRows() {
    }

    public static byte[] write(JsonNode rows) {
        if (rows.isEmpty()) {
            return new byte[0];
        }
        List<String> columns = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(columns::add);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(schema::addColumn);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var writer = CSV.writerFor(List.class).with(schema.build()).writeValues(out)) {
            for (JsonNode row : rows) {
                List<String> line = new ArrayList<>();
                for (String column : columns) {
                    JsonNode value = row.path(column);
                    line.add(value.isNull() || value.isMissingNode() ? "" : value.isValueNode() ? value.asText()
                            : value.toString());
                }
                writer.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
