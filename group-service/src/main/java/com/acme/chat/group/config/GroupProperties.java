package com.acme.chat.group.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
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
 * @param maxBatch most user ids one request may add to a group
 * @param maxGroupsListed most groups {@code GET /api/v1/groups} returns
 * @param changeAttempts how often a change is tried when concurrent changes of the same
 * group win the append (ADR 0025) before the caller gets {@code service_unavailable}
 * @param sweepInterval pause between two sweeps for unpublished log entries
 * @param sweepGrace how old a group's outbox mark must be before the sweep publishes for
 * it (the writer normally publishes its own entries within milliseconds)
 */
@ConfigurationProperties("chat.group")
@Validated
public record GroupProperties(@DefaultValue("1024") @Positive int maxMembers,
        @DefaultValue("100") @Positive int maxNameLength, @DefaultValue("256") @Positive int maxBatch,
        @DefaultValue("1000") @Positive int maxGroupsListed, @DefaultValue("5") @Positive int changeAttempts,
        @DefaultValue("5s") @NotNull Duration sweepInterval, @DefaultValue("10s") @NotNull Duration sweepGrace) {
}
