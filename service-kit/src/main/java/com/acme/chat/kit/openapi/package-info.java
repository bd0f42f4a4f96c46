/**
 * OpenAPI: the document every service serves at {@code /v3/api-docs}, with the project's
 * ProblemDetail errors, the bearer-token scheme and the probes documented once for all
 * services.
 */
@NullMarked
package com.acme.chat.kit.openapi;

import org.jspecify.annotations.NullMarked;
