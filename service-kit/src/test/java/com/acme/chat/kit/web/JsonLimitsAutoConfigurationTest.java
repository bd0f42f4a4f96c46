package com.acme.chat.kit.web;

import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLimitsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JsonLimitsAutoConfiguration.class, JacksonAutoConfiguration.class))
        .withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE");

    @Test
    void theServiceMapperRefusesDocumentsPastTheLimits() {
        runner.run(context -> {
            JsonMapper json = context.getBean(JsonMapper.class);
            String deep = "[".repeat(40) + "]".repeat(40);
            assertThatThrownBy(() -> json.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
            String longNumber = "{\"seq\": " + "9".repeat(40) + "}";
            assertThatThrownBy(() -> json.readTree(longNumber)).isInstanceOf(StreamConstraintsException.class);
            String longString = "{\"text\": \"" + "x".repeat(300 * 1024) + "\"}";
            assertThatThrownBy(() -> json.readTree(longString)).isInstanceOf(StreamConstraintsException.class);

            JsonNode ordinary = json.readTree("{\"type\":\"send_message\",\"media\":[{\"size\":1}]}");
            assertThat(ordinary.path("media").path(0).path("size").asLong()).isEqualTo(1);
        });
    }

    @Test
    void bootsCustomizersStillApply() {
        runner.run(context -> {
            record Sample(String someField) {
            }
            assertThat(context.getBean(JsonMapper.class).writeValueAsString(new Sample("v")))
                .isEqualTo("{\"some_field\":\"v\"}");
        });
    }

}
