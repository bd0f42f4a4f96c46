package com.acme.chat.common.asyncapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published AsyncAPI document ({@value AsyncApiDocument#PATH}) is valid AsyncAPI
 * 3.0.0 and says what the classes in {@code common} do: a frame or event type added,
 * renamed or changed without documenting it fails here.
 */
class AsyncApiContractTest {

    private final AsyncApiDocument document = AsyncApiDocument.published();

    @Test
    void documentsEveryFrameEventAndTopicAsTheClassesDefineThem() {
        assertThat(AsyncApiChecker.check(document)).as("problems of %s", AsyncApiDocument.PATH).isEmpty();
    }

    @Test
    void isValidAsyncApi300() {
        assertThat(JsonSchemas.validateAsyncApi(document.root())).as("AsyncAPI 3.0.0 schema violations").isEmpty();
    }

}
