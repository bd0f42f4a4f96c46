package com.acme.chat.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * An integration test against the real local servers: starts (or reuses) them via
 * {@link LocalServersExtension} before the context, runs the service on a random port
 * with the {@code test} profile and the test JWT secret, issuer and audience (HS256
 * explicitly allowed outside {@code local}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LocalServersExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "chat.security.jwt.hmac-secret=" + TestTokens.SECRET, "chat.security.jwt.hmac-allowed=true",
                "chat.security.jwt.issuer=" + TestTokens.ISSUER, "chat.security.jwt.audience=" + TestTokens.AUDIENCE,
                // Tests of the limits switch them on with their own rules (RateLimitIT).
                "chat.rate-limits.enabled=false" })
@ActiveProfiles("test")
public @interface ChatIntegrationTest {

}
