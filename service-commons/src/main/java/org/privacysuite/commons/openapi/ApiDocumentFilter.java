package org.privacysuite.commons.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.privacysuite.commons.problem.Problem;

/**
 * Makes every service's OpenAPI document say what the service does for errors and access: every 4xx/5xx answer is
 * {@code application/problem+json} (RFC 9457) with the suite's Problem schema, an operation's other errors are its
 * {@code default} answer, and operations without a security requirement declare {@code security: []} (public)
 * rather than leaving it unsaid. The Data Rights Protocol's {@code /v1} answers keep their own error shape.
 * <p>
 * Quarkus lists an operation's {@code @RolesAllowed} roles as the scopes of its security requirement, under the first
 * scheme it finds (dsar-service also declares the Data Rights Protocol's). Realm roles are not OAuth scopes (a client
 * cannot ask for them), so the requirement becomes the realm's OpenID Connect scheme without scopes and the roles move
 * to the operation's {@value #ROLES_EXTENSION} extension.
 */
public class ApiDocumentFilter implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String ROLES_EXTENSION = "x-required-roles";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getSecurity() == null) {
                operation.setSecurity(new ArrayList<>());
            }
            moveRolesOutOfScopes(operation);
            if (!path.startsWith("/v1/")) {
                describeErrors(operation);
            }
        }));
    }

    /** Roles in a requirement come from {@code @RolesAllowed}: realm roles, so the realm's scheme, without scopes. */
    private static void moveRolesOutOfScopes(Operation operation) {
        Set<String> roles = new TreeSet<>();
        List<SecurityRequirement> others = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            List<String> scopes = requirement.getSchemes().values().stream()
                    .flatMap(list -> list == null ? Stream.empty() : list.stream()).toList();
            if (scopes.isEmpty()) {
                others.add(requirement);
            } else {
                roles.addAll(scopes);
            }
        }
        if (!roles.isEmpty()) {
            others.add(0, OASFactory.createSecurityRequirement().addScheme(realmScheme(), List.of()));
            operation.setSecurity(others);
            operation.addExtension(ROLES_EXTENSION, List.copyOf(roles));
        }
    }

    /** Quarkus names the realm's scheme after this setting (service-commons sets it). */
    private static String realmScheme() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-openapi.security-scheme-name", String.class)
                .orElse("SecurityScheme");
    }

    private static void describeErrors(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                entry.getValue().setContent(problemContent());
            }
        }
        boolean takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (takesInput && !responses.hasAPIResponse("400")) {
            responses.addAPIResponse("400", problem("The request is not valid; the problem names the fields."));
        }
        if (!responses.hasAPIResponse(APIResponses.DEFAULT)) {
            responses.addAPIResponse(APIResponses.DEFAULT, problem("Any other error, as application/problem+json."));
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("The field, as a path into the request body or a parameter name."))
                .addProperty("message", string("What is wrong with it."));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details.")
                .addProperty("type", string("A URI reference identifying the problem type; about:blank when the status says it all."))
                .addProperty("title", string("A short summary of the problem type."))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status code."))
                .addProperty("detail", string("What happened in this occurrence."))
                .addProperty("instance", string("The request path."))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("For invalid input: each field and what is wrong with it."));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
