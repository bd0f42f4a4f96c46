package com.acme.chat.common.asyncapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An AsyncAPI 3 document as a JSON tree, with the local {@code $ref}s it uses resolved on
 * demand. Only what the contract checker needs: channels by server protocol, messages by
 * their {@code type} discriminator, operations.
 */
final class AsyncApiDocument {

    /** The document the project publishes, relative to the repository root. */
    static final String PATH = "docs/asyncapi.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final JsonNode root;

    private AsyncApiDocument(JsonNode root) {
        this.root = root;
    }

    static AsyncApiDocument of(JsonNode root) {
        return new AsyncApiDocument(root);
    }

    /**
     * Reads the published document, found from the working directory upwards (Maven runs
     * a module's tests in the module's directory).
     */
    static AsyncApiDocument published() {
        return of(readTree(locate(PATH)));
    }

    static JsonNode readTree(Path file) {
        return YAML.readTree(file.toFile());
    }

    static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    JsonNode root() {
        return root;
    }

    /**
     * Follows {@code $ref}s (local ones, {@code #/...}) until a node without one.
     * @param node a node, possibly a reference
     * @return the node it refers to; a missing node when a reference points nowhere
     */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.path("$ref").asString();
            if (!ref.startsWith("#/") || hops > 20) {
                throw new IllegalArgumentException("Unsupported or circular $ref " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }

    /**
     * The channels served by a server of one of these protocols, by channel key.
     */
    Map<String, JsonNode> channels(String... protocols) {
        Map<String, JsonNode> channels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> channel : root.path("channels").properties()) {
            for (JsonNode server : channel.getValue().path("servers")) {
                String protocol = resolve(server).path("protocol").asString();
                if (List.of(protocols).contains(protocol)) {
                    channels.put(channel.getKey(), channel.getValue());
                }
            }
        }
        return channels;
    }

    /**
     * The messages of a channel by their payload's {@code type} constant; messages
     * without one are listed under the empty string.
     */
    Map<String, JsonNode> messagesByType(JsonNode channel) {
        Map<String, JsonNode> messages = new LinkedHashMap<>();
        for (JsonNode reference : channel.path("messages")) {
            JsonNode message = resolve(reference);
            messages.put(typeOf(message), message);
        }
        return messages;
    }

    /** The {@code type} constant of a message's payload. */
    String typeOf(JsonNode message) {
        return resolve(resolve(message.path("payload")).path("properties").path("type")).path("const").asString("");
    }

    /** Every operation by key. */
    Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        root.path("operations").properties().forEach(entry -> operations.put(entry.getKey(), entry.getValue()));
        return operations;
    }

    /**
     * The {@code type} constants of the messages a list of message references points at.
     */
    List<String> types(JsonNode messageReferences) {
        List<String> types = new ArrayList<>();
        messageReferences.forEach(reference -> types.add(typeOf(resolve(reference))));
        return types;
    }

    /**
     * A copy of a schema with every {@code $ref} replaced by what it points at, so it can
     * be validated standalone.
     */
    JsonNode inline(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            if (schema.has("$ref")) {
                // Keywords beside a $ref (a description) are kept; the target's win.
                schema.properties().forEach(entry -> {
                    if (!entry.getKey().equals("$ref")) {
                        copy.set(entry.getKey(), inline(entry.getValue()));
                    }
                });
                inline(resolve(schema)).properties().forEach(entry -> copy.set(entry.getKey(), entry.getValue()));
            }
            else {
                schema.properties().forEach(entry -> copy.set(entry.getKey(), inline(entry.getValue())));
            }
            return copy;
        }
        if (schema.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            schema.forEach(item -> copy.add(inline(item)));
            return copy;
        }
        return schema;
    }

}
