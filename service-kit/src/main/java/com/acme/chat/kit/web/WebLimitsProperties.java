package com.acme.chat.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code chat.web.*}: limits of a service's HTTP requests.
 *
 * @param maxRequestBody the largest request body a servlet service reads (413
 * {@code payload_too_large} beyond): above the largest body the protocol allows (a
 * discovery request of 1,000 hashes is about 68 KB)
 */
@ConfigurationProperties("chat.web")
public record WebLimitsProperties(@DefaultValue("128KB") DataSize maxRequestBody) {
}
