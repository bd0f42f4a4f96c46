package com.acme.chat.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code chat.web.*}: limits of a service's HTTP requests.
 *
 * @param maxRequestBody the largest request body a servlet service reads (413
 * {@code payload_too_large} beyond); the REST bodies of the protocol are far smaller
 */
@ConfigurationProperties("chat.web")
public record WebLimitsProperties(@DefaultValue("64KB") DataSize maxRequestBody) {
}
