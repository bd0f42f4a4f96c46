package com.acme.chat.kit.web;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

/**
 * Every JSON mapper of a service (REST bodies, WebSocket frames, events, Redis messages)
 * parses within {@link #LIMITS}, far tighter than Jackson's defaults (strings of 20
 * million characters, 500 levels of nesting) and still far above anything the protocol
 * carries: a hostile document is refused after a few kilobytes of work instead of after
 * megabytes. Replaces Boot's mapper builder only to put the constraints into its stream
 * factory (a Jackson 3 builder cannot change the factory afterwards); Boot's customizers,
 * and any of the service's, are applied as Boot would.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class JsonLimitsAutoConfiguration {

    /**
     * Nesting depth 32 (frames and bodies use 3), strings of 256 Ki characters (a message
     * text has at most 4,096), numbers of 32 digits (a long has 19), property names of
     * 256 characters, documents of 4 MiB.
     */
    public static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
        .maxNestingDepth(32)
        .maxStringLength(256 * 1024)
        .maxNumberLength(32)
        .maxNameLength(256)
        .maxDocumentLength(4L * 1024 * 1024)
        .build();

    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

}
