package org.privacysuite.gateway.routing;

/**
 * The public API's path prefixes and the service that owns each (architecture contract, "gateway"). The id names
 * the route in metrics and logs, so that their cardinality stays bounded whatever paths clients send.
 */
public enum GatewayRoute {

    CONSENT("consent", "/api/consent/*", UpstreamService.CONSENT),
    GPC("gpc", "/.well-known/gpc.json", UpstreamService.CONSENT),
    ACCOUNTS("accounts", "/api/accounts/*", UpstreamService.ACCOUNT),
    PRIVACY_REQUESTS("privacy-requests", "/api/privacy-requests/*", UpstreamService.DSAR),
    /** The record of processing and the participants' declarations (officers). */
    PRIVACY("privacy", "/api/privacy/*", UpstreamService.DSAR),
    DRP("drp", "/v1/*", UpstreamService.DSAR),
    NEWSLETTER("newsletter", "/api/newsletter/*", UpstreamService.NEWSLETTER),
    /** Offers and the interest profile: newsletter-service owns the suite's one profile (docs/interests.md). */
    OFFERS("offers", "/api/offers/*", UpstreamService.NEWSLETTER),
    CONSOLE("console", "/console/*", UpstreamService.CONSOLE);

    /** Where the matched route is kept in the routing context for the handlers after routing. */
    public static final String CONTEXT_KEY = GatewayRoute.class.getName();

    private final String id;
    private final String path;
    private final UpstreamService upstream;

    GatewayRoute(String id, String path, UpstreamService upstream) {
        this.id = id;
        this.path = path;
        this.upstream = upstream;
    }

    public String id() {
        return id;
    }

    /** A Vert.x Web path: a trailing {@code /*} matches the prefix itself and everything below it. */
    public String path() {
        return path;
    }

    public UpstreamService upstream() {
        return upstream;
    }

    /** Whether a path (or path template) of the API falls under this route, as Vert.x Web would match it. */
    public boolean covers(String apiPath) {
        if (!path.endsWith("/*")) {
            return path.equals(apiPath);
        }
        String prefix = path.substring(0, path.length() - 2);
        return apiPath.equals(prefix) || apiPath.startsWith(prefix + "/");
    }
}
