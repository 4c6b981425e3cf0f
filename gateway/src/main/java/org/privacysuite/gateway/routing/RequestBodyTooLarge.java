package org.privacysuite.gateway.routing;

/** A streamed (chunked) request body grew past the gateway's limit while it was being forwarded. */
final class RequestBodyTooLarge extends RuntimeException {

    RequestBodyTooLarge() {
        super("request body exceeds the gateway's limit", null, false, false);
    }
}
