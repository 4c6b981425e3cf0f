package org.privacysuite.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "GET,     /api/consent/purposes,                  PUBLIC",
            "PUT,     /api/consent/purposes,                  PROTECTED",
            "PUT,     /api/consent/purposes/analytics,        PROTECTED",
            "GET,     /api/consent/purposes/analytics,        PROTECTED",
            "GET,     /api/consent/devices/d-1,               PUBLIC",
            "PUT,     /api/consent/devices/d-1,               PUBLIC",
            "DELETE,  /api/consent/devices/d-1,               PROTECTED",
            "GET,     /api/consent/devices/d-1/receipts,      PROTECTED",
            "GET,     /api/consent/devices/,                  PROTECTED",
            "GET,     /api/consent/me,                        PROTECTED",
            "GET,     /api/consent/check,                     PROTECTED",
            "GET,     /.well-known/gpc.json,                  PUBLIC",
            "POST,    /api/accounts,                          PUBLIC",
            "GET,     /api/accounts,                          PROTECTED",
            "POST,    /api/accounts/,                         PROTECTED",
            "GET,     /api/accounts/alice/public,             PUBLIC",
            "PATCH,   /api/accounts/alice/public,             PROTECTED",
            "GET,     /api/accounts/me,                       PROTECTED",
            "POST,    /api/accounts/acc-1/holds,              PROTECTED",
            // dsar-service's identity lookup: service role only, never public like the sign-up next to it
            "POST,    /api/accounts/identities,               PROTECTED",
            "POST,    /api/newsletter/subscriptions,          PUBLIC",
            "POST,    /api/newsletter/subscriptions/confirm,  PUBLIC",
            "GET,     /api/newsletter/subscriptions/confirm,  PUBLIC",
            "GET,     /api/newsletter/topics,                 PUBLIC",
            "PUT,     /api/newsletter/topics,                 PROTECTED",
            "GET,     /api/consent/purposes/ads/notices,      PUBLIC",
            "PUT,     /api/consent/purposes/ads,              PROTECTED",
            "GET,     /api/newsletter/subscriptions,          PROTECTED",
            "GET,     /api/newsletter/unsubscribe,            PUBLIC",
            "POST,    /api/newsletter/unsubscribe,            PUBLIC",
            "POST,    /api/newsletter/browsing-events,        PUBLIC",
            "GET,     /api/newsletter/me,                     PROTECTED",
            "GET,     /api/offers,                            PUBLIC",
            "POST,    /api/offers/page-views,                 PUBLIC",
            "GET,     /api/offers/interests,                  PUBLIC",
            "DELETE,  /api/offers/interests,                  PUBLIC",
            "POST,    /api/offers,                            PROTECTED",
            "GET,     /api/offers/catalogue,                  PROTECTED",
            "PUT,     /api/offers/catalogue/spring-sale,      PROTECTED",
            "DELETE,  /api/offers/catalogue/spring-sale,      PROTECTED",
            "POST,    /api/newsletter/issues/i-1/send,        PROTECTED",
            "POST,    /api/privacy-requests,                  PUBLIC",
            "GET,     /api/privacy-requests,                  PROTECTED",
            "POST,    /api/privacy-requests/r-1/verify,       PUBLIC",
            "GET,     /api/privacy-requests/r-1,              PUBLIC",
            "GET,     /api/privacy-requests/r-1/audit,        PROTECTED",
            "GET,     /api/privacy-requests/r-1/export,       PUBLIC",
            "POST,    /api/privacy-requests/r-1/export,       PROTECTED",
            "POST,    /api/privacy-requests/r-1/approve,      PROTECTED",
            "GET,     /v1/data-rights-protocol.json,          UPSTREAM",
            "POST,    /v1/data-rights-request,                UPSTREAM",
            "GET,     /v1,                                    UPSTREAM",
            "GET,     /v10/anything,                          PROTECTED" })
    void decidesPerMethodAndPath(String method, String path, AccessPolicy.Access expected) {
        assertEquals(expected, AccessPolicy.of(HttpMethod.valueOf(method), path));
    }
}
