package com.acme.chat.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TestNamespacesTest {

    @TempDir
    Path root;

    @Test
    void aNamespaceIsTakenWithALeaseOfThisJvmAndIsLiveUntilReleased() {
        StackHome home = StackHome.of(root);
        String first = TestNamespaces.allocate(home);
        String second = TestNamespaces.allocate(home);

        assertThat(first).matches("it[a-z0-9]{6}").isNotEqualTo(second);
        assertThat(TestNamespaces.isLive(home, first)).isTrue();
        assertThat(TestNamespaces.staleLeases(home)).isEmpty();

        TestNamespaces.release(home, first);
        assertThat(TestNamespaces.isLive(home, first)).isFalse();
        assertThat(TestNamespaces.isLive(home, second)).isTrue();
    }

    @Test
    void aLeaseOfAnEndedProcessIsStale() throws Exception {
        StackHome home = StackHome.of(root);
        String live = TestNamespaces.allocate(home);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path lease = home.run().resolve("namespaces").resolve("itdead00");
        LocalStack.writePid(lease, ended.toHandle());
        Files.writeString(home.run().resolve("namespaces").resolve("not-a-namespace"), "1 0\n");

        assertThat(TestNamespaces.staleLeases(home)).containsExactly("itdead00");
        assertThat(TestNamespaces.isLive(home, live)).isTrue();
    }

    @Test
    void namesOnTheServersMapBackToTheirTestNamespace() {
        assertThat(TestNamespaces.namespaceOf("it3kf9a2_chat_relay")).isEqualTo("it3kf9a2");
        assertThat(TestNamespaces.namespaceOf("it3kf9a2.chat.messages.v1")).isEqualTo("it3kf9a2");
        assertThat(TestNamespaces.namespaceOf("it3kf9a2:route:alice:phone")).isEqualTo("it3kf9a2");
        assertThat(TestNamespaces.namespaceOf("it3kf9a2-chat-assets")).isEqualTo("it3kf9a2");
        // The developer's stack and anything else are never a test namespace.
        assertThat(TestNamespaces.namespaceOf("chat_relay")).isNull();
        assertThat(TestNamespaces.namespaceOf("chat.messages.v1")).isNull();
        assertThat(TestNamespaces.namespaceOf("route:it3kf9a2:phone")).isNull();
        assertThat(TestNamespaces.namespaceOf("itabcdefg_x")).isNull();
        assertThat(TestNamespaces.namespaceOf("it3kf9a2")).isNull();
    }

}
