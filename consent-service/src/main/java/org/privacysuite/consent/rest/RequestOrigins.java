package org.privacysuite.consent.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.privacysuite.consent.service.RequestOrigin;

/**
 * Reads the proof details of a request: the browser family (not the full user agent), the client address truncated
 * to its network (IPv4 /24, IPv6 /48), and the Global Privacy Control signal ({@code Sec-GPC: 1}).
 */
@ApplicationScoped
public class RequestOrigins {

    public static final String GPC_HEADER = "Sec-GPC";

    public RequestOrigin of(HttpServerRequest request) {
        return new RequestOrigin(familyOf(request.getHeader("User-Agent")), truncate(request.remoteAddress()),
                "1".equals(trim(request.getHeader(GPC_HEADER))));
    }

    /** Coarse on purpose: a browser family is proof enough and identifies nobody. Order matters (Edge says Chrome). */
    static String familyOf(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("edg/")) {
            return "Edge";
        }
        if (ua.contains("opr/") || ua.contains("opera")) {
            return "Opera";
        }
        if (ua.contains("firefox/")) {
            return "Firefox";
        }
        if (ua.contains("chrome/") || ua.contains("chromium/")) {
            return "Chrome";
        }
        if (ua.contains("safari/")) {
            return "Safari";
        }
        if (ua.contains("okhttp") || ua.contains("dalvik") || ua.contains("cfnetwork")) {
            return "Mobile app";
        }
        return "Other";
    }

    static String truncate(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(address.hostAddress()).getAddress();
            int keep = bytes.length == 4 ? 3 : 6;
            for (int i = keep; i < bytes.length; i++) {
                bytes[i] = 0;
            }
            String network = InetAddress.getByAddress(bytes).getHostAddress();
            return network + (bytes.length == 4 ? "/24" : "/48");
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
