package com.acme.chat.group.config;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.group.*}: settings of group-service, with local defaults that any
 * environment can override.
 *
 * @param maxMembers largest group a member may create or grow
 * @param maxNameLength longest group name in characters
 */
@ConfigurationProperties("chat.group")
@Validated
public record GroupProperties(@DefaultValue("1024") @Positive int maxMembers,
        @DefaultValue("100") @Positive int maxNameLength) {
}
