package com.acme.chat.kit.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import com.acme.chat.common.protocol.Utf16;

/**
 * The one JSON reading policy of every REST body and WebSocket frame (ADR 0019): a
 * duplicate key, a number where a string or boolean belongs or the reverse
 * ({@code "seq": "5"}), a fraction for an integer ({@code "seq": 1.5}) and a string with
 * an unpaired UTF-16 surrogate ({@code "\uD800"}) are refused rather than silently
 * resolved, so a value is never something other than what the client wrote.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /**
     * @param builder a mapper builder
     * @return the builder, reading strictly
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // ALLOW_COERCION_OF_SCALARS covers strings read as numbers or booleans, not
            // the reverse.
            .withCoercionConfig(LogicalType.Textual,
                    config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean,
                    config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .addModule(new SimpleModule("chat-strict-json").addDeserializer(String.class, new WellFormedStrings()));
    }

    /**
     * @param json a mapper, e.g. Spring's
     * @return a copy of it that reads strictly
     */
    public static JsonMapper strict(JsonMapper json) {
        return configure(json.rebuild()).build();
    }

    /** Reads strings as Jackson does and refuses those that have no UTF-8 form. */
    private static final class WellFormedStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String value = super.deserialize(p, ctxt);
            if (value != null && Utf16.hasLoneSurrogate(value)) {
                // "?" stands for the value, which may be message text and is never
                // echoed.
                throw ctxt.weirdStringException("?", String.class, "contains an unpaired UTF-16 surrogate");
            }
            return value;
        }

    }

}
