package com.acme.chat.kit.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.rate-limits.*}: token buckets per user, shared by every instance through
 * Redis, and per client address, held by each instance ({@link #PER_ADDRESS},
 * {@link RateLimiter}).
 *
 * @param enabled off: every check passes and Redis is not asked
 * @param rules by name; a configured rule replaces the default of the same name
 * ({@link #DEFAULT_RULES})
 * @param timeout how long a check waits for Redis before letting the request through
 * @param scale multiplies every rule's capacity and refill (the local profile uses 100:
 * its benchmarks and end-to-end tests drive hundreds of devices of few users from one
 * address)
 */
@ConfigurationProperties("chat.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, Map<String, Rule> rules,
        @DefaultValue("200ms") Duration timeout, @DefaultValue("1") int scale) {

    /** Sends of one user (WebSocket and REST alike: both reach messaging's send). */
    public static final String SEND = "send";

    /** Authenticated REST requests of one user, on each servlet service. */
    public static final String REST = "rest";

    /** WebSocket handshakes of one user. */
    public static final String CONNECT = "connect";

    /** WebSocket handshakes from one client address, before the token is looked at. */
    public static final String CONNECT_IP = "connect-ip";

    /** WebSocket tickets issued to one user. */
    public static final String TICKET = "ticket";

    /**
     * Sends from one client address, whoever sends them (checked next to {@link #SEND}).
     */
    public static final String SEND_IP = "send-ip";

    /**
     * REST requests from one client address to a servlet service, authenticated or not,
     * before the token is looked at.
     */
    public static final String REST_IP = "rest-ip";

    /**
     * WebSocket tickets issued to one client address (checked next to {@link #TICKET}).
     */
    public static final String TICKET_IP = "ticket-ip";

    /**
     * The rules per client address. Their buckets live in the instance that checks them,
     * not in Redis (ADR 0023): they cost no network round trip, so they can stand before
     * the token is decoded without making a flood of bad requests a flood of Redis
     * commands, and each instance's budget protects that instance.
     */
    public static final Set<String> PER_ADDRESS = Set.of(CONNECT_IP, SEND_IP, REST_IP, TICKET_IP);

    /**
     * Contact hashes one user looks up (messaging's contact discovery): a request takes
     * one token per hash, so the budget bounds how much of the phone-number space one
     * account can probe.
     */
    public static final String DISCOVER = "discover";

    /**
     * Production defaults: bursts a person or an app's sync can make, sustained rates
     * they do not (Signal-Server limits messages per user per second the same way). The
     * per-address rules are sized for carrier-grade NAT, a thousand or more people behind
     * one address: they stop one host flooding an instance, not a population (ADR 0023).
     */
    public static final Map<String, Rule> DEFAULT_RULES = Map.of(SEND, new Rule(50, 20, Duration.ofSeconds(1)), REST,
            new Rule(200, 100, Duration.ofSeconds(1)), CONNECT, new Rule(20, 1, Duration.ofSeconds(3)), CONNECT_IP,
            new Rule(300, 50, Duration.ofSeconds(1)), TICKET, new Rule(20, 1, Duration.ofSeconds(3)), DISCOVER,
            // A first address-book sync, then about one full sync a day (ADR 0020).
            new Rule(2000, 2000, Duration.ofDays(1)), SEND_IP, new Rule(1000, 500, Duration.ofSeconds(1)), REST_IP,
            new Rule(3000, 1500, Duration.ofSeconds(1)), TICKET_IP, new Rule(300, 50, Duration.ofSeconds(1)));

    public RateLimitProperties {
        Map<String, Rule> merged = new HashMap<>(DEFAULT_RULES);
        if (rules != null) {
            merged.putAll(rules);
        }
        rules = Map.copyOf(merged);
        if (scale < 1) {
            throw new IllegalArgumentException("chat.rate-limits.scale must be at least 1");
        }
    }

    /** The named rule; unknown names are a programming error. */
    public Rule rule(String name) {
        Rule rule = this.rules.get(name);
        if (rule == null) {
            throw new IllegalArgumentException("No rate limit rule '" + name + "'");
        }
        return rule;
    }

    /**
     * A token bucket: {@code capacity} requests at once, then {@code refillTokens} more
     * per {@code refillPeriod}, added gradually.
     */
    public record Rule(long capacity, long refillTokens, Duration refillPeriod) {

        public Rule {
            if (capacity < 1 || refillTokens < 1 || refillPeriod.isZero() || refillPeriod.isNegative()) {
                throw new IllegalArgumentException(
                        "A rate limit rule needs capacity >= 1, refill-tokens >= 1 and a positive refill-period");
            }
        }

    }

}
