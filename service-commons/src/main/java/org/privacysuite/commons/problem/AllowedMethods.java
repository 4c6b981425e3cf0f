package org.privacysuite.commons.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods a path answers, for the {@code Allow} header a 405 must carry (RFC 9110, 15.5.6). Quarkus REST sends
 * its 405 without one, and its automatic OPTIONS lists a whole class's methods, so the resource classes' annotations
 * are read once here instead: hand-written because no library offers it for Quarkus REST.
 */
@ApplicationScoped
public class AllowedMethods {

    /** One resource method's path template, as written and as a regular expression, and its HTTP method. */
    private record Route(String template, Pattern path, String method) {
    }

    @Inject
    BeanManager beans;

    private volatile List<Route> routes;

    /** The methods answered at {@code path}, with HEAD for GET and OPTIONS, which Quarkus REST answers itself. */
    public Set<String> at(String path) {
        String normalized = ("/" + path).replaceAll("/+", "/");
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(normalized).matches()) {
                methods.add(route.method());
            }
        }
        if (!methods.isEmpty()) {
            if (methods.contains(HttpMethod.GET)) {
                methods.add(HttpMethod.HEAD);
            }
            methods.add(HttpMethod.OPTIONS);
        }
        return methods;
    }

    /**
     * Every resource method as {@code "METHOD /path/{template}"} (variables without their regex): what the service
     * answers, for tests that must cover every endpoint (the authorisation matrix).
     */
    public Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (Route route : routes()) {
            endpoints.add(route.method() + " " + route.template().replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^/]*}", "{$1}"));
        }
        return endpoints;
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = scan();
            routes = known;
        }
        return known;
    }

    private List<Route> scan() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String template = normalized(root.value() + "/" + (sub == null ? "" : sub.value()));
                    found.add(new Route(template, template(template), verb));
                }
            }
        }
        return List.copyOf(found);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String normalized(String template) {
        String path = ("/" + template).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** A JAX-RS path template as a regular expression: {@code {id}} is one segment, {@code {id: regex}} its regex. */
    static Pattern template(String template) {
        String path = normalized(template);
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != '{') {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
                continue;
            }
            int depth = 1;
            int end = i + 1;
            while (end < path.length() && depth > 0) {
                depth += path.charAt(end) == '{' ? 1 : path.charAt(end) == '}' ? -1 : 0;
                end++;
            }
            String variable = path.substring(i + 1, end - 1);
            int colon = variable.indexOf(':');
            regex.append('(').append(colon < 0 ? "[^/]+" : variable.substring(colon + 1).trim()).append(')');
            i = end;
        }
        return Pattern.compile(regex + "/?");
    }
}
