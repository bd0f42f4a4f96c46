package com.acme.chat.common.namespace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChatNamespaceTest {

    @Test
    void noNamespaceKeepsEveryDocumentedName() {
        ChatNamespace none = ChatNamespace.of("");
        assertThat(none.isNone()).isTrue();
        assertThat(none.topic("chat.messages.v1")).isEqualTo("chat.messages.v1");
        assertThat(none.group("relay-service")).isEqualTo("relay-service");
        assertThat(none.keyspace("chat_messaging")).isEqualTo("chat_messaging");
        assertThat(none.redis("route:alice:phone")).isEqualTo("route:alice:phone");
        assertThat(none.bucket("chat-assets")).isEqualTo("chat-assets");
        assertThat(ChatNamespace.of(null)).isSameAs(ChatNamespace.none());
        assertThat(ChatNamespace.of("  ")).isSameAs(ChatNamespace.none());
    }

    @Test
    void namespacePrefixesEachNameWithASeparatorItsServerAllows() {
        ChatNamespace ns = ChatNamespace.of("t1a2b");
        assertThat(ns.isNone()).isFalse();
        assertThat(ns.topic("chat.messages.v1")).isEqualTo("t1a2b.chat.messages.v1");
        assertThat(ns.group("relay-service")).isEqualTo("t1a2b.relay-service");
        assertThat(ns.keyspace("chat_messaging")).isEqualTo("t1a2b_chat_messaging");
        assertThat(ns.redis("route:alice:phone")).isEqualTo("t1a2b:route:alice:phone");
        assertThat(ns.bucket("chat-assets")).isEqualTo("t1a2b-chat-assets");
    }

    @Test
    void documentedTopicUndoesOnlyItsOwnPrefix() {
        ChatNamespace ns = ChatNamespace.of("t1a2b");
        assertThat(ns.documentedTopic("t1a2b.chat.messages.v1")).isEqualTo("chat.messages.v1");
        assertThat(ns.documentedTopic("t9zzz.chat.messages.v1")).isEqualTo("t9zzz.chat.messages.v1");
        assertThat(ChatNamespace.none().documentedTopic("chat.messages.v1")).isEqualTo("chat.messages.v1");
    }

    @Test
    void rejectsNamesThatWouldBreakAKeyspaceOrBucketName() {
        for (String bad : new String[] { "T1", "1abc", "a_b", "a-b", "a.b", "abcdefghijklmnopq" }) {
            assertThatIllegalArgumentException().as(bad)
                .isThrownBy(() -> ChatNamespace.of(bad))
                .withMessageContaining("chat.namespace");
        }
    }

}
