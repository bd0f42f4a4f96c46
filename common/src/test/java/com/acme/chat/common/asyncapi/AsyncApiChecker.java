package com.acme.chat.common.asyncapi;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.protocol.ClientFrame;
import com.acme.chat.common.protocol.Frame;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.common.testsupport.SealedTypes;
import com.acme.chat.common.testsupport.TestJson;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks an AsyncAPI document against the wire contract in {@code common}, discovering
 * every frame and event type by reflection (the sealed hierarchies and their
 * {@code @JsonSubTypes}), never from a list:
 * <ul>
 * <li>every frame type has a message in the WebSocket channel (a channel on a
 * {@code ws}/{@code wss} server) whose payload's {@code type} is its wire name, in the
 * right direction: client frames in {@code receive} operations, server frames in
 * {@code send} operations or replies; every event type has a message in a Kafka channel;
 * no message is documented without a class;</li>
 * <li>every topic of {@link Topics#ALL} has a channel with that address, and each event
 * sits in the channel of its {@link ChatEvent#topic()}, with its record key documented as
 * {@code bindings.kafka.key.x-payload-property};</li>
 * <li>each payload documents exactly the record's JSON properties (plus {@code type}),
 * with JSON types, enums and formats that match, nested records included;</li>
 * <li>{@code required} is what the code guarantees: for what the server writes (server
 * frames, events, nested values) every component that is not {@code @Nullable}, since
 * only nulls are omitted; for client frames what the server rejects a frame without,
 * found by removing each property from each example and reading it as the server does
 * (Jackson, then bean validation);</li>
 * <li>every message has examples that the code reads as its class (client frames: valid;
 * server frames and events: exactly what the code writes back) and that conform to the
 * documented payload schema.</li>
 * </ul>
 */
final class AsyncApiChecker {

    private static final JsonMapper JSON = TestJson.MAPPER;

    private static final Validator VALIDATOR = Validation.byDefaultProvider()
        .configure()
        .messageInterpolator(new ParameterMessageInterpolator())
        .buildValidatorFactory()
        .getValidator();

    private enum Direction {

        /**
         * Written by clients, read by the server: required = what the server rejects
         * without.
         */
        CLIENT,

        /** Written by the server or a producing service: required = never omitted. */
        SERVER

    }

    private final AsyncApiDocument document;

    private final List<String> problems = new ArrayList<>();

    private AsyncApiChecker(AsyncApiDocument document) {
        this.document = document;
    }

    /**
     * @param document the AsyncAPI document
     * @return every disagreement with the classes, one sentence each; empty when none
     */
    static List<String> check(AsyncApiDocument document) {
        AsyncApiChecker checker = new AsyncApiChecker(document);
        checker.checkFrames();
        checker.checkEvents();
        return List.copyOf(checker.problems);
    }

    private void checkFrames() {
        Map<String, JsonNode> channels = document.channels("ws", "wss");
        if (channels.isEmpty()) {
            problems.add("No channel on a ws or wss server documents the WebSocket frames");
        }
        Map<String, Class<?>> client = wireTypes(ClientFrame.class);
        Map<String, Class<?>> server = wireTypes(ServerFrame.class);
        Map<String, JsonNode> documented = new LinkedHashMap<>();
        channels.values().forEach(channel -> documented.putAll(document.messagesByType(channel)));
        Map<String, Class<?>> all = new LinkedHashMap<>(client);
        all.putAll(server);
        compare("frame", all, documented, "the WebSocket channel");

        Set<String> received = new HashSet<>();
        Set<String> sent = new HashSet<>();
        document.operations().forEach((name, operation) -> {
            if (!channels.containsKey(channelKey(operation.path("channel")))) {
                return;
            }
            List<String> types = document.types(operation.path("messages"));
            ("receive".equals(operation.path("action").asString()) ? received : sent).addAll(types);
            sent.addAll(document.types(operation.path("reply").path("messages")));
        });
        client.forEach((wire, type) -> {
            if (documented.containsKey(wire) && (!received.contains(wire) || sent.contains(wire))) {
                problems.add("Client frame '" + wire + "' (" + type.getSimpleName()
                        + ") must be in a receive operation of the WebSocket channel and in no send operation or reply");
            }
        });
        server.forEach((wire, type) -> {
            if (documented.containsKey(wire) && (!sent.contains(wire) || received.contains(wire))) {
                problems.add("Server frame '" + wire + "' (" + type.getSimpleName()
                        + ") must be in a send operation or a reply of the WebSocket channel and in no receive operation");
            }
        });
        client.forEach((wire, type) -> checkMessage(wire, type, documented.get(wire), Direction.CLIENT, Frame.class));
        server.forEach((wire, type) -> checkMessage(wire, type, documented.get(wire), Direction.SERVER, Frame.class));
    }

    private void checkEvents() {
        Map<String, JsonNode> channels = document.channels("kafka", "kafka-secure");
        Map<String, String> addresses = new LinkedHashMap<>();
        channels.forEach((key, channel) -> addresses.put(key, channel.path("address").asString()));
        for (String topic : Topics.ALL) {
            if (!addresses.containsValue(topic)) {
                problems.add("Topic '" + topic + "' of Topics.ALL has no channel with that address on a Kafka server");
            }
        }
        addresses.forEach((key, address) -> {
            if (!Topics.ALL.contains(address)) {
                problems.add("Kafka channel '" + key + "' has address '" + address + "', which is not in Topics.ALL");
            }
        });
        Map<String, Class<?>> events = wireTypes(ChatEvent.class);
        Map<String, JsonNode> documented = new LinkedHashMap<>();
        Map<String, String> topicOf = new LinkedHashMap<>();
        channels.forEach((key, channel) -> document.messagesByType(channel).forEach((wire, message) -> {
            documented.put(wire, message);
            topicOf.put(wire, addresses.get(key));
        }));
        compare("event", events, documented, "a Kafka channel");
        events.forEach((wire, type) -> {
            JsonNode message = documented.get(wire);
            checkMessage(wire, type, message, Direction.SERVER, ChatEvent.class);
            if (message != null) {
                checkRouting(wire, type, message, topicOf.get(wire));
            }
        });
    }

    /** Both ways: a class without a message, a message without a class. */
    private void compare(String kind, Map<String, Class<?>> classes, Map<String, JsonNode> documented, String where) {
        classes.forEach((wire, type) -> {
            if (!documented.containsKey(wire)) {
                problems.add("The " + kind + " type '" + wire + "' (" + type.getName() + ") is not documented: no "
                        + "message in " + where + " has a payload whose type is const '" + wire + "'");
            }
        });
        documented.keySet().forEach(wire -> {
            if (!classes.containsKey(wire)) {
                problems.add("The documented " + kind + " '" + wire + "' in " + where + " has no " + kind
                        + " class in common (no @JsonSubTypes name '" + wire + "')");
            }
        });
    }

    private void checkMessage(String wire, Class<?> type, @Nullable JsonNode message, Direction direction,
            Class<?> root) {
        if (message == null) {
            return;
        }
        String label = "'" + wire + "' (" + type.getSimpleName() + ")";
        if (!type.isRecord()) {
            problems.add(label + " is not a record; the checker cannot read its properties");
            return;
        }
        JsonNode payload = document.resolve(message.path("payload"));
        checkProperties(label, type, payload, true);
        List<JsonNode> examples = new ArrayList<>();
        message.path("examples").forEach(example -> examples.add(example.path("payload")));
        if (examples.isEmpty()) {
            problems.add(label + " has no example");
            return;
        }
        Set<String> required = (direction == Direction.CLIENT) ? requiredByReader(examples)
                : requiredByWriter(type, true);
        Set<String> documentedRequired = strings(payload.path("required"));
        if (!documentedRequired.equals(required)) {
            problems.add(label + " documents required " + sorted(documentedRequired) + " but the code makes "
                    + sorted(required) + " required");
        }
        JsonNode schema = document.inline(message.path("payload"));
        for (JsonNode example : examples) {
            checkExample(label, type, root, direction, example);
            JsonSchemas.validate(schema, example)
                .forEach(error -> problems.add(label + ": an example does not match the payload schema: " + error));
        }
    }

    private void checkExample(String label, Class<?> type, Class<?> root, Direction direction, JsonNode example) {
        Object value;
        try {
            value = JSON.treeToValue(example, root);
        }
        catch (JacksonException ex) {
            problems.add(label + ": an example cannot be read: " + ex.getOriginalMessage());
            return;
        }
        if (value.getClass() != type) {
            problems.add(label + ": an example reads as " + value.getClass().getSimpleName());
            return;
        }
        if (direction == Direction.CLIENT) {
            VALIDATOR.validate(value)
                .forEach(violation -> problems.add(label + ": an example is invalid: " + violation.getPropertyPath()
                        + " " + violation.getMessage()));
        }
        else {
            JsonNode written = normalized(JSON.valueToTree(value));
            if (!written.equals(normalized(example))) {
                problems.add(label + ": an example is not what the code writes; it writes " + written);
            }
        }
    }

    /** The event's channel is its topic, and its record key the documented property. */
    private void checkRouting(String wire, Class<?> type, JsonNode message, String address) {
        String label = "'" + wire + "' (" + type.getSimpleName() + ")";
        String keyProperty = document.resolve(message.path("bindings").path("kafka").path("key"))
            .path("x-payload-property")
            .asString("");
        if (keyProperty.isEmpty()) {
            problems.add(label + " documents no record key: bindings.kafka.key with x-payload-property");
        }
        for (JsonNode example : message.path("examples")) {
            ChatEvent event;
            try {
                event = JSON.treeToValue(example.path("payload"), ChatEvent.class);
            }
            catch (JacksonException ex) {
                continue; // reported by checkExample
            }
            if (!event.topic().equals(address)) {
                problems.add(label + " is documented on '" + address + "' but is published on '" + event.topic() + "'");
            }
            String documentedKey = example.path("payload").path(keyProperty).asString("");
            if (!keyProperty.isEmpty() && !event.partitionKey().equals(documentedKey)) {
                problems.add(label + " documents its key as property '" + keyProperty + "' ('" + documentedKey
                        + "' in an example), but that event is keyed by '" + event.partitionKey() + "'");
            }
        }
    }

    /**
     * The documented properties of an object schema against a record's JSON properties:
     * names, types, and (for nested values) required.
     */
    private void checkProperties(String label, Class<?> record, JsonNode schema, boolean typed) {
        Map<String, RecordComponent> components = jsonProperties(record);
        Set<String> expected = new LinkedHashSet<>(components.keySet());
        if (typed) {
            expected.add("type");
        }
        Set<String> documented = new LinkedHashSet<>();
        schema.path("properties").propertyNames().forEach(documented::add);
        if (!documented.equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(documented);
            Set<String> extra = new TreeSet<>(documented);
            extra.removeAll(expected);
            problems.add(label + " documents properties " + sorted(documented) + " but the class has "
                    + sorted(expected) + (missing.isEmpty() ? "" : "; undocumented: " + missing)
                    + (extra.isEmpty() ? "" : "; not in the class: " + extra));
        }
        components.forEach((name, component) -> {
            JsonNode property = schema.path("properties").path(name);
            if (!property.isMissingNode()) {
                checkType(label + "." + name, component.getGenericType(), document.resolve(property));
            }
        });
    }

    private void checkType(String label, Type javaType, JsonNode schema) {
        Class<?> raw = rawClass(javaType);
        String expected = jsonType(raw);
        // A field written even when null (JsonInclude.ALWAYS) is documented as
        // [type, 'null'].
        JsonNode types = schema.path("type");
        String documented = types.isArray()
                ? strings(types).stream().filter(type -> !"null".equals(type)).findFirst().orElse("")
                : types.asString("");
        if (!expected.equals(documented)) {
            problems.add(label + " is documented as '" + documented + "' but is " + raw.getSimpleName() + " ('"
                    + expected + "' in JSON)");
            return;
        }
        if (raw.isEnum()) {
            Set<String> constants = new LinkedHashSet<>();
            Arrays.stream(raw.getEnumConstants()).forEach(constant -> constants.add(((Enum<?>) constant).name()));
            if (!strings(schema.path("enum")).equals(constants)) {
                problems.add(label + " documents enum " + sorted(strings(schema.path("enum"))) + " but "
                        + raw.getSimpleName() + " has " + sorted(constants));
            }
        }
        String format = (raw == Instant.class) ? "date-time" : (raw == UUID.class) ? "uuid" : null;
        if (format != null && !format.equals(schema.path("format").asString(""))) {
            problems.add(label + " is " + raw.getSimpleName() + ": document format '" + format + "'");
        }
        if ("array".equals(expected) && javaType instanceof ParameterizedType parameterized) {
            checkType(label + "[]", parameterized.getActualTypeArguments()[0], document.resolve(schema.path("items")));
        }
        if (raw.isRecord() && "object".equals(expected)) {
            // A nested event or frame (an event carried inside another) keeps its
            // discriminator.
            boolean typed = ChatEvent.class.isAssignableFrom(raw) || Frame.class.isAssignableFrom(raw);
            checkProperties(label, raw, schema, typed);
            Set<String> required = requiredByWriter(raw, typed);
            if (!strings(schema.path("required")).equals(required)) {
                problems.add(label + " documents required " + sorted(strings(schema.path("required")))
                        + " but the code makes " + sorted(required) + " required");
            }
        }
    }

    /**
     * What the server rejects a client frame without: a property present in every example
     * whose removal makes each of them unreadable or invalid.
     */
    private static Set<String> requiredByReader(List<JsonNode> examples) {
        Set<String> required = null;
        for (JsonNode example : examples) {
            Set<String> here = new LinkedHashSet<>();
            for (String property : example.propertyNames()) {
                ObjectNode without = ((ObjectNode) example).deepCopy();
                without.remove(property);
                if (rejected(without)) {
                    here.add(property);
                }
            }
            if (required == null) {
                required = here;
            }
            else {
                required.retainAll(here);
            }
        }
        return (required != null) ? required : Set.of();
    }

    /** Read as the server reads a client frame: Jackson, then bean validation. */
    private static boolean rejected(JsonNode frame) {
        try {
            return !VALIDATOR.validate(JSON.treeToValue(frame, ClientFrame.class)).isEmpty();
        }
        catch (JacksonException ex) {
            return true;
        }
    }

    /**
     * What the code always writes: every component that is not {@code @Nullable} (only
     * nulls are omitted), plus the discriminator.
     */
    private static Set<String> requiredByWriter(Class<?> record, boolean typed) {
        Set<String> required = new LinkedHashSet<>();
        if (typed) {
            required.add("type");
        }
        jsonProperties(record).forEach((name, component) -> {
            if (component.getType().isPrimitive()
                    || !component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                required.add(name);
            }
        });
        return required;
    }

    /**
     * A record's JSON properties by name: its components, renamed or ignored as Jackson
     * does.
     */
    private static Map<String, RecordComponent> jsonProperties(Class<?> record) {
        Map<String, RecordComponent> properties = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            Method accessor = component.getAccessor();
            if (component.isAnnotationPresent(JsonIgnore.class) || accessor.isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            JsonProperty renamed = component.isAnnotationPresent(JsonProperty.class)
                    ? component.getAnnotation(JsonProperty.class) : accessor.getAnnotation(JsonProperty.class);
            String name = (renamed != null && !renamed.value().isEmpty()) ? renamed.value() : component.getName();
            properties.put(name, component);
        }
        return properties;
    }

    /**
     * The concrete types below a polymorphic root by wire name, from
     * {@code @JsonSubTypes} (intermediate interfaces are followed); a sealed subtype that
     * Jackson does not know by name is a problem of its own.
     */
    private Map<String, Class<?>> wireTypes(Class<?> root) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        collect(root, types);
        for (Class<?> concrete : SealedTypes.concreteSubtypes(root)) {
            if (!types.containsValue(concrete)) {
                problems.add(concrete.getName() + " is permitted by the sealed " + root.getSimpleName()
                        + " hierarchy but has no @JsonSubTypes name, so it cannot be (de)serialised");
            }
        }
        return types;
    }

    private void collect(Class<?> type, Map<String, Class<?>> types) {
        JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
        if (subTypes == null) {
            return;
        }
        for (JsonSubTypes.Type subType : subTypes.value()) {
            Class<?> value = subType.value();
            String name = !subType.name().isEmpty() ? subType.name() : value.isAnnotationPresent(JsonTypeName.class)
                    ? value.getAnnotation(JsonTypeName.class).value() : "";
            if (!name.isEmpty()) {
                types.put(name, value);
            }
            else if (value.isInterface() || Modifier.isAbstract(value.getModifiers())) {
                collect(value, types);
            }
        }
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type == UUID.class || type == Instant.class || type.isEnum()
                || hasStringValue(type)) {
            return "string";
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class || type == BigInteger.class) {
            return "integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "object";
    }

    /** Typed ids: a single value written through a {@code @JsonValue} String accessor. */
    private static boolean hasStringValue(Class<?> type) {
        return Arrays.stream(type.getMethods())
            .anyMatch(method -> method.isAnnotationPresent(JsonValue.class) && method.getReturnType() == String.class);
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("Unsupported component type " + type);
    }

    private static String channelKey(JsonNode channelReference) {
        String ref = channelReference.path("$ref").asString("");
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> sorted(Set<String> values) {
        return new ArrayList<>(new TreeSet<>(values));
    }

    /**
     * Equal numbers compare equal whatever node class YAML or Jackson picked for them.
     */
    private static JsonNode normalized(JsonNode node) {
        return JSON.readTree(JSON.writeValueAsString(node));
    }

}
