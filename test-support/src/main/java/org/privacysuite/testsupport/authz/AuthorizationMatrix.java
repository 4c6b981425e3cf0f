package org.privacysuite.testsupport.authz;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;
import org.privacysuite.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An authorisation matrix that cannot fall behind (issue 21, build 6). A service's test declares, as a table, who
 * may call each endpoint ({@link #allow}); {@link #verify} then
 * <ol>
 * <li>takes the endpoints from the running application: its {@code /q/openapi} document, cross-checked with the
 * JAX-RS resource methods (service-commons' {@code AllowedMethods#endpoints()}) that the test passes in;</li>
 * <li>fails for an endpoint without a rule (a new endpoint needs one) and for a rule without an endpoint;</li>
 * <li>calls every endpoint as every {@link Caller}: an allowed caller must get past authorisation (not 401/403), a
 * refused one gets 401 or 403 (an endpoint with credentials of its own, such as DRP's, may answer 403 to anyone);</li>
 * <li>for every endpoint that takes an id: user B on an object of user A's gets 403, 404 or 409 (never success) and
 * user A still reaches it afterwards. An endpoint whose id is itself the credential or public says so, with why.</li>
 * </ol>
 * Requests carry {@code {}} as JSON body where one is expected: a validation 400 still shows the caller got through.
 */
public final class AuthorizationMatrix {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** How an endpoint's ids are checked: owned by user A (a fixture makes one), or not an owned object at all. */
    public sealed interface Ids permits Owned, NotOwned {
    }

    /** {@code fixture} makes an object of user A's and returns the path variables that name it. */
    public record Owned(Supplier<Map<String, String>> fixture) implements Ids {
    }

    public record NotOwned(String why) implements Ids {
    }

    private record Rule(Set<Caller> allowed, Ids ids) {
    }

    private final Map<Caller, String> tokens;
    private final Map<String, Supplier<String>> samples;
    private final Map<String, Rule> rules = new LinkedHashMap<>();

    /**
     * @param tokens a bearer token per caller (none for {@link Caller#ANONYMOUS})
     * @param samples a value per path variable name, for calls that are not about a particular object
     */
    public AuthorizationMatrix(Map<Caller, String> tokens, Map<String, Supplier<String>> samples) {
        this.tokens = Map.copyOf(tokens);
        this.samples = Map.copyOf(samples);
    }

    /**
     * Tokens of quarkus-test-oidc-server ({@code TestTokens}) for every caller: the realm's roles, marketing alone,
     * and the officer with the user role too, as olivia has it in the realm.
     */
    public static Map<Caller, String> testTokens(String userA) {
        return Map.of(
                Caller.USER_A, userA,
                Caller.USER_B, TestTokens.user(UUID.randomUUID().toString()),
                Caller.OFFICER, TestTokens.officer(),
                Caller.SERVICE, TestTokens.service(),
                Caller.MARKETING, TestTokens.token(UUID.randomUUID().toString(), List.of("marketing")));
    }

    public static Ids ownedByA(Supplier<Map<String, String>> fixture) {
        return new Owned(fixture);
    }

    public static Ids notOwned(String why) {
        return new NotOwned(why);
    }

    /** {@code endpoint} is {@code "METHOD /path/{variable}"}, as the OpenAPI document names it. */
    public AuthorizationMatrix allow(String endpoint, Set<Caller> callers) {
        return allow(endpoint, callers, null);
    }

    public AuthorizationMatrix allow(String endpoint, Set<Caller> callers, Ids ids) {
        if (rules.put(endpoint, new Rule(Set.copyOf(callers), ids)) != null) {
            throw new IllegalArgumentException("two rules for " + endpoint);
        }
        return this;
    }

    /** The endpoints of the running application's OpenAPI document ({@code /q/openapi}). */
    public static Set<String> openApiEndpoints() {
        String json = given().accept("application/json").queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        Set<String> endpoints = new TreeSet<>();
        try {
            Iterator<Map.Entry<String, JsonNode>> paths = new ObjectMapper().readTree(json).path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        endpoints.add(method.toUpperCase() + " " + path.getKey());
                    }
                });
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable OpenAPI document", e);
        }
        return endpoints;
    }

    /** Runs the matrix; fails with every problem found, not just the first. */
    public void verify(Set<String> fromResourceMethods) {
        Set<String> endpoints = openApiEndpoints();
        List<String> problems = new ArrayList<>();
        differences(endpoints, fromResourceMethods, "in the OpenAPI document but no resource method", problems);
        differences(fromResourceMethods, endpoints, "a resource method missing from the OpenAPI document", problems);
        endpoints.addAll(fromResourceMethods);
        differences(endpoints, rules.keySet(), "no rule declared: add one to the matrix", problems);
        differences(rules.keySet(), endpoints, "rule for an endpoint that does not exist", problems);
        for (String endpoint : endpoints) {
            Rule rule = rules.get(endpoint);
            if (rule == null) {
                continue;
            }
            boolean takesIds = VARIABLE.matcher(endpoint).find();
            if (takesIds && rule.ids() == null) {
                problems.add(endpoint + ": takes an id; declare ownedByA(...) or notOwned(why)");
                continue;
            }
            for (Caller caller : Caller.values()) {
                int status = call(endpoint, caller, Map.of());
                boolean passed = status != 401 && status != 403;
                if (rule.allowed().contains(caller) != passed) {
                    problems.add(endpoint + " as " + caller + ": " + status + " but the rule says "
                            + (rule.allowed().contains(caller) ? "allowed" : "refused (401 or 403)"));
                }
            }
            if (rule.ids() instanceof Owned owned) {
                Map<String, String> ids = owned.fixture().get();
                int other = call(endpoint, Caller.USER_B, ids);
                if (other != 403 && other != 404 && other != 409) {
                    problems.add(endpoint + ": user B on user A's " + ids + " got " + other + ", not 403/404/409");
                }
                int owner = call(endpoint, Caller.USER_A, ids);
                if (owner == 401 || owner == 403 || owner == 404) {
                    problems.add(endpoint + ": user A on their own " + ids + " got " + owner);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Authorisation matrix: " + problems.size() + " problem(s)\n  "
                    + String.join("\n  ", problems));
        }
    }

    private int call(String endpoint, Caller caller, Map<String, String> ids) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        Matcher variables = VARIABLE.matcher(endpoint.substring(endpoint.indexOf(' ') + 1));
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1);
            String value = ids.containsKey(name) ? ids.get(name) : sample(name);
            variables.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        variables.appendTail(path);
        RequestSpecification request = given().redirects().follow(false);
        String token = tokens.get(caller);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (Set.of("POST", "PUT", "PATCH").contains(method)) {
            request = request.contentType("application/json").body("{}");
        }
        return request.when().request(method, path.toString()).then().extract().statusCode();
    }

    private String sample(String variable) {
        Supplier<String> sample = samples.get(variable);
        if (sample == null) {
            throw new AssertionError("no sample value for path variable {" + variable + "}");
        }
        return sample.get();
    }

    private static void differences(Set<String> these, Set<String> notIn, String what, List<String> problems) {
        these.stream().filter(e -> !notIn.contains(e)).sorted().forEach(e -> problems.add(e + ": " + what));
    }
}
