package com.acme.chat.common.asyncapi;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker fails for each kind of drift: the published document, changed in one place,
 * must produce the problem that names it (and the unchanged document none, see
 * {@link AsyncApiContractTest}).
 */
class AsyncApiCheckerTest {

    @Test
    void failsWhenAFrameTypeIsNotDocumented() {
        List<String> problems = check(doc -> {
            messages(channel(doc, "socket")).remove("pong");
            operation(doc, "ping").withArray("/reply/messages").remove(0);
        });

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("frame type 'pong'")
            .contains("com.acme.chat.common.protocol.Pong")
            .contains("not documented"));
    }

    @Test
    void failsWhenAnEventTypeIsNotDocumented() {
        List<String> problems = check(doc -> messages(channel(doc, "groups")).remove("memberRemoved"));

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("event type 'member_removed'")
            .contains("MemberRemoved")
            .contains("not documented"));
    }

    @Test
    void failsWhenADocumentedMessageHasNoClass() {
        List<String> problems = check(doc -> {
            ObjectNode shout = components(doc, "messages").putObject("shout");
            shout.putObject("payload").putObject("properties").putObject("type").put("const", "shout");
            messages(channel(doc, "socket")).putObject("shout").put("$ref", "#/components/messages/shout");
        });

        assertThat(problems)
            .anySatisfy(problem -> assertThat(problem).contains("documented frame 'shout'").contains("no frame class"));
    }

    @Test
    void failsWhenAPropertyNameDiffers() {
        List<String> problems = check(doc -> {
            ObjectNode properties = (ObjectNode) schema(doc, "SendMessage").path("properties");
            properties.set("clientMessageId", properties.remove("clientMsgId"));
        });

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'send_message' (SendMessage)")
            .contains("undocumented: [clientMsgId]")
            .contains("not in the class: [clientMessageId]"));
    }

    @Test
    void failsWhenANestedRecordPropertyIsMissing() {
        List<String> problems = check(doc -> ((ObjectNode) schema(doc, "MediaRef").path("properties")).remove("size"));

        assertThat(problems).anySatisfy(
                problem -> assertThat(problem).contains("(SendMessage).media[]").contains("undocumented: [size]"));
    }

    @Test
    void failsWhenAClientFrameDocumentsAnOptionalFieldAsRequiredOrTheOtherWayRound() {
        List<String> optionalText = check(doc -> removeRequired(schema(doc, "SendMessage"), "text"));
        List<String> requiredMedia = check(doc -> schema(doc, "SendMessage").withArray("required").add("media"));

        assertThat(optionalText).anySatisfy(problem -> assertThat(problem).contains("(SendMessage) documents required")
            .contains("the code makes [clientMsgId, id, text, type] required"));
        assertThat(requiredMedia).anySatisfy(
                problem -> assertThat(problem).contains("(SendMessage) documents required [clientMsgId, id, media"));
    }

    @Test
    void failsWhenAServerFrameOrEventRequiresANullableField() {
        List<String> frame = check(doc -> schema(doc, "Message").withArray("required").add("group"));
        List<String> event = check(doc -> removeRequired(schema(doc, "MessageSent"), "recipients"));

        assertThat(frame).anySatisfy(problem -> assertThat(problem).contains("'message' (MessageFrame) documents"));
        assertThat(event).anySatisfy(problem -> assertThat(problem).contains("'message_sent' (MessageSent) documents")
            .contains("recipients"));
    }

    @Test
    void failsWhenATypeOrEnumDiffers() {
        List<String> type = check(doc -> ((ObjectNode) schema(doc, "Hello").path("properties").path("maxFrameBytes"))
            .put("type", "string"));
        List<String> enumeration = check(doc -> schema(doc, "ReceiptKind").withArray("enum").remove(1));

        assertThat(type).anySatisfy(problem -> assertThat(problem).contains("(Hello).maxFrameBytes")
            .contains("documented as 'string' but is int"));
        assertThat(enumeration).anySatisfy(problem -> assertThat(problem).contains("(ReceiptFrame).kind")
            .contains("[DELIVERED] but ReceiptKind has [DELIVERED, READ]"));
    }

    @Test
    void failsWhenATopicHasNoChannel() {
        List<String> problems = check(doc -> {
            ((ObjectNode) doc.path("channels")).remove("assets");
            ((ObjectNode) doc.path("operations")).remove("assetPublishesAssets");
        });

        assertThat(problems)
            .anySatisfy(problem -> assertThat(problem).contains("Topic 'chat.assets.v1' of Topics.ALL has no channel"))
            .anySatisfy(problem -> assertThat(problem).contains("event type 'asset_stored'"));
    }

    @Test
    void failsWhenAnEventIsOnAnotherTopicsChannel() {
        List<String> problems = check(doc -> {
            messages(channel(doc, "presence")).remove("deviceConnected");
            messages(channel(doc, "receipts")).putObject("deviceConnected")
                .put("$ref", "#/components/messages/deviceConnected");
        });

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'device_connected'")
            .contains("documented on 'chat.receipts.v1' but is published on 'chat.presence.v1'"));
    }

    @Test
    void failsWhenTheRecordKeyIsNotTheEventsKey() {
        List<String> problems = check(
                doc -> ((ObjectNode) components(doc, "messages").path("deliveryRequested").at("/bindings/kafka/key"))
                    .put("x-payload-property", "sender"));

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("'delivery_requested'")
            .contains("property 'sender' ('alice' in an example), but that event is keyed by 'bob'"));
    }

    @Test
    void failsWhenAClientFrameIsDocumentedAsSentByTheServer() {
        List<String> problems = check(doc -> operation(doc, "markRead").put("action", "send"));

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("Client frame 'mark_read'"));
    }

    @Test
    void failsWhenAnExampleIsNotWhatTheCodeReadsOrWrites() {
        List<String> unreadable = check(doc -> examplePayload(doc, "markRead").put("conversationId", "d:bob:alice"));
        List<String> notWritten = check(doc -> examplePayload(doc, "hello").put("heartbeatIntervalSeconds", "30"));
        List<String> offSchema = check(doc -> examplePayload(doc, "receipt").put("upToSeq", 0));

        assertThat(unreadable)
            .anySatisfy(problem -> assertThat(problem).contains("'mark_read' (MarkRead): an example cannot be read"));
        assertThat(notWritten).anySatisfy(
                problem -> assertThat(problem).contains("'hello' (Hello): an example is not what the code writes"));
        assertThat(offSchema).anySatisfy(problem -> assertThat(problem)
            .contains("'receipt' (ReceiptFrame): an example does not match the payload schema")
            .contains("upToSeq"));
    }

    @Test
    void schemaValidationRejectsADocumentThatIsNotAsyncApi3() {
        JsonNode broken = AsyncApiDocument.published().root().deepCopy();
        ((ObjectNode) broken).put("asyncapi", "2.6.0");
        ((ObjectNode) broken.path("operations").path("hello")).put("action", "publish");

        assertThat(JsonSchemas.validateAsyncApi(broken)).isNotEmpty()
            .anySatisfy(error -> assertThat(error).contains("asyncapi"))
            .anySatisfy(error -> assertThat(error).contains("action"));
    }

    private static List<String> check(Consumer<ObjectNode> change) {
        ObjectNode doc = (ObjectNode) AsyncApiDocument.published().root().deepCopy();
        change.accept(doc);
        return AsyncApiChecker.check(AsyncApiDocument.of(doc));
    }

    private static ObjectNode channel(ObjectNode doc, String key) {
        return (ObjectNode) doc.path("channels").path(key);
    }

    private static ObjectNode messages(ObjectNode channel) {
        return (ObjectNode) channel.path("messages");
    }

    private static ObjectNode operation(ObjectNode doc, String key) {
        return (ObjectNode) doc.path("operations").path(key);
    }

    private static ObjectNode components(ObjectNode doc, String kind) {
        return (ObjectNode) doc.path("components").path(kind);
    }

    private static ObjectNode schema(ObjectNode doc, String name) {
        return (ObjectNode) components(doc, "schemas").path(name);
    }

    private static ObjectNode examplePayload(ObjectNode doc, String message) {
        return (ObjectNode) components(doc, "messages").path(message).path("examples").path(0).path("payload");
    }

    private static void removeRequired(ObjectNode schema, String property) {
        ArrayNode required = schema.withArray("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asString().equals(property)) {
                required.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException(property + " is not required");
    }

}
