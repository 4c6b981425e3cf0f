package org.privacysuite.gateway.apidocs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges OpenAPI documents into the public one: of each document only the paths it is the source for (for a service,
 * those the gateway routes to it), the components united (a schema name two sources use for different shapes is
 * prefixed for the later one), and the schemas and tags that no kept operation uses dropped, so that the public
 * document describes exactly what a client can call through the gateway.
 */
final class ApiDocumentMerger {

    private static final String SCHEMA_REF = "#/components/schemas/";
    private static final Pattern REF = Pattern.compile("\"" + Pattern.quote(SCHEMA_REF) + "([^\"]+)\"");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One document and which of its paths go into the merged one. */
    record Source(String name, JsonObject document, Predicate<String> paths) {
    }

    private ApiDocumentMerger() {
    }

    static JsonObject merge(JsonObject info, List<Source> sources) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonObject securitySchemes = new JsonObject();
        JsonArray tags = new JsonArray();
        Set<String> tagNames = new HashSet<>();
        for (Source source : sources) {
            JsonObject document = withUniqueSchemaNames(source, schemas);
            JsonObject components = document.getJsonObject("components", new JsonObject());
            components.getJsonObject("schemas", new JsonObject()).forEach(e -> schemas.put(e.getKey(), e.getValue()));
            components.getJsonObject("securitySchemes", new JsonObject())
                    .forEach(e -> securitySchemes.getMap().putIfAbsent(e.getKey(), e.getValue()));
            document.getJsonObject("paths", new JsonObject()).forEach(e -> {
                if (source.paths().test(e.getKey())) {
                    paths.put(e.getKey(), e.getValue());
                }
            });
            document.getJsonArray("tags", new JsonArray()).stream().map(JsonObject.class::cast)
                    .filter(tag -> tagNames.add(tag.getString("name"))).forEach(tags::add);
        }
        Set<String> usedTags = usedTags(paths);
        JsonArray keptTags = new JsonArray(tags.stream().map(JsonObject.class::cast)
                .filter(tag -> usedTags.contains(tag.getString("name"))).toList());
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", info)
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("tags", keptTags)
                .put("paths", paths)
                .put("components", new JsonObject()
                        .put("schemas", reachableSchemas(paths, schemas))
                        .put("securitySchemes", securitySchemes));
    }

    /** The source's document, its schemas that clash with one already merged renamed (and every reference with them). */
    private static JsonObject withUniqueSchemaNames(Source source, JsonObject merged) {
        JsonObject own = source.document().getJsonObject("components", new JsonObject())
                .getJsonObject("schemas", new JsonObject());
        Map<String, String> renames = new LinkedHashMap<>();
        String json = source.document().encode();
        for (String name : own.fieldNames()) {
            Object existing = merged.getValue(name);
            if (existing != null && !existing.equals(own.getValue(name))) {
                String renamed = prefix(source.name()) + name;
                json = json.replace("\"" + SCHEMA_REF + name + "\"", "\"" + SCHEMA_REF + renamed + "\"");
                renames.put(name, renamed);
            }
        }
        JsonObject document = new JsonObject(json);
        if (!renames.isEmpty()) {
            JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
            renames.forEach((name, renamed) -> schemas.put(renamed, schemas.remove(name)));
        }
        return document;
    }

    private static String prefix(String sourceName) {
        StringBuilder prefix = new StringBuilder();
        for (String word : sourceName.replace("-service", "").split("-")) {
            prefix.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return prefix.toString();
    }

    private static Set<String> usedTags(JsonObject paths) {
        Set<String> used = new HashSet<>();
        paths.forEach(path -> ((JsonObject) path.getValue()).forEach(operation -> {
            if (METHODS.contains(operation.getKey())) {
                ((JsonObject) operation.getValue()).getJsonArray("tags", new JsonArray())
                        .forEach(tag -> used.add((String) tag));
            }
        }));
        return used;
    }

    /** The schemas the paths refer to, directly or through other schemas. */
    private static JsonObject reachableSchemas(JsonObject paths, JsonObject schemas) {
        JsonObject reachable = new JsonObject();
        Deque<String> pending = new ArrayDeque<>(references(paths.encode()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            Object schema = schemas.getValue(name);
            if (schema != null && !reachable.containsKey(name)) {
                reachable.put(name, schema);
                pending.addAll(references(((JsonObject) schema).encode()));
            }
        }
        return new JsonObject(new TreeMap<>(reachable.getMap()));
    }

    private static List<String> references(String json) {
        Matcher matcher = REF.matcher(json);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
