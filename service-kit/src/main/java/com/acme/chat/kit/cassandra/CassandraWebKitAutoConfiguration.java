package com.acme.chat.kit.cassandra;

import com.datastax.oss.driver.api.core.DriverException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.openapi.SharedErrorCodes;

/**
 * Servlet services with the Cassandra driver: registers {@link CassandraFailureAdvice},
 * so a Cassandra outage answers a retryable {@code 503 service_unavailable} instead of
 * {@code 500 internal}. A service replaces it by declaring its own
 * {@link CassandraFailureAdvice} bean. Reactive services do not get it.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DriverException.class, CassandraProperties.class, DispatcherServlet.class })
public class CassandraWebKitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CassandraFailureAdvice cassandraFailureAdvice() {
        return new CassandraFailureAdvice();
    }

    /**
     * Tells the OpenAPI document that every protected operation can answer
     * {@code 503 service_unavailable}: they all reach Cassandra (at least through the
     * caller's registration), and the advice turns a Cassandra outage into it.
     */
    @Bean
    SharedErrorCodes cassandraUnavailableErrorCodes() {
        return SharedErrorCodes.of(ErrorCode.SERVICE_UNAVAILABLE);
    }

}
