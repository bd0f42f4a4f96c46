package com.acme.chat.kit.cassandra;

import com.datastax.oss.driver.api.core.DriverException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

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

}
