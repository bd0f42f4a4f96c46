package com.acme.chat.common.asyncapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema validation (draft 07, the dialect of AsyncAPI 3 schemas), with format
 * assertions on, so a {@code date-time} or {@code uuid} that is not one fails.
 */
final class JsonSchemas {

    /**
     * The official AsyncAPI 3.0.0 JSON Schema, vendored from {@code @asyncapi/specs} (see
     * {@code src/test/resources/asyncapi/README.md}).
     */
    static final String ASYNCAPI_3_0_0 = "/asyncapi/asyncapi-3.0.0.schema.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Schema ASYNCAPI = REGISTRY.getSchema(readResource(ASYNCAPI_3_0_0));

    private JsonSchemas() {
    }

    /**
     * @return the violations of the AsyncAPI 3.0.0 specification, empty when the document
     * is valid
     */
    static List<String> validateAsyncApi(JsonNode document) {
        return validate(ASYNCAPI, document);
    }

    /**
     * @return the violations of {@code schema} (a standalone schema, references inlined)
     */
    static List<String> validate(JsonNode schema, JsonNode instance) {
        return validate(REGISTRY.getSchema(schema), instance);
    }

    private static List<String> validate(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(Object::toString).toList();
    }

    private static JsonNode readResource(String name) {
        try (InputStream in = JsonSchemas.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test resources");
            }
            return JsonMapper.builder().build().readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
