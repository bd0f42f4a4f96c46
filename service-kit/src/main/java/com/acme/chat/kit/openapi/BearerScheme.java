package com.acme.chat.kit.openapi;

import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The one security scheme of every service's OpenAPI document: a JWT bearer token in the
 * {@code Authorization} header.
 */
public final class BearerScheme {

    /** Its name in {@code components.securitySchemes} and in security requirements. */
    public static final String NAME = "bearer-jwt";

    private BearerScheme() {
    }

    static SecurityScheme scheme() {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description("An access token of the configured OIDC issuer (locally: POST /dev/tokens on "
                    + "messaging-service). Every path but the probes and this document needs one.");
    }

}
