package com.acme.chat.kit.cassandra;

import com.datastax.oss.driver.api.core.DriverException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

class CassandraWebKitAutoConfigurationTest {

    private static final AutoConfigurations KIT = AutoConfigurations.of(CassandraWebKitAutoConfiguration.class);

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(KIT);

    @Test
    void registersTheAdviceInAServletApplication() {
        servlet.run(context -> assertThat(context).hasSingleBean(CassandraFailureAdvice.class));
    }

    @Test
    void leavesAReactiveApplicationAlone() {
        new ReactiveWebApplicationContextRunner().withConfiguration(KIT)
            .run(context -> assertThat(context).doesNotHaveBean(CassandraFailureAdvice.class));
    }

    @Test
    void leavesANonWebApplicationAlone() {
        new ApplicationContextRunner().withConfiguration(KIT)
            .run(context -> assertThat(context).doesNotHaveBean(CassandraFailureAdvice.class));
    }

    @Test
    void needsTheDriverAndSpringMvc() {
        servlet.withClassLoader(new FilteredClassLoader(DriverException.class))
            .run(context -> assertThat(context).doesNotHaveBean(CassandraFailureAdvice.class));
        servlet.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
            .run(context -> assertThat(context).doesNotHaveBean(CassandraFailureAdvice.class));
        // A bare driver (a test helper's) without Boot's Cassandra module is not a
        // Cassandra service.
        servlet.withClassLoader(new FilteredClassLoader(CassandraProperties.class))
            .run(context -> assertThat(context).doesNotHaveBean(CassandraFailureAdvice.class));
    }

    @Test
    void backsOffWhenTheServiceDefinesItsOwn() {
        servlet.withBean("serviceAdvice", CassandraFailureAdvice.class, ServiceAdvice::new)
            .run(context -> assertThat(context).hasSingleBean(CassandraFailureAdvice.class)
                .getBean(CassandraFailureAdvice.class)
                .isInstanceOf(ServiceAdvice.class));
    }

    static class ServiceAdvice extends CassandraFailureAdvice {

    }

}
