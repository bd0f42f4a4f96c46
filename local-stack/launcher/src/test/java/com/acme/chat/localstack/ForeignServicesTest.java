package com.acme.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForeignServicesTest {

    @TempDir
    java.nio.file.Path root;

    @Test
    void servicesOfAChatctlStackAreForeignToABuildButItsOwnAreNot() throws IOException {
        List<String> lines = new ArrayList<>();
        LocalStack stack = new LocalStack(StackHome.of(root), lines::add);
        ProcessHandle build = ProcessHandle.current();
        assertThat(stack.foreignServices(Optional.of(build))).isEmpty();

        // "messaging" runs (this JVM stands in for it) and nobody owns it: ./chatctl up
        // started it.
        LocalStack.writePid(stack.pidFile("messaging"), ProcessHandle.current());
        assertThat(stack.foreignServices(Optional.of(build))).containsExactly("messaging");
        assertThat(stack.foreignServices(Optional.empty())).containsExactly("messaging");

        // The same service started by this build (its owner file names the build) is the
        // build's own.
        Files.writeString(stack.home().run().resolve("messaging.owner"), build.pid() + "\n");
        assertThat(stack.foreignServices(Optional.of(build))).isEmpty();

        // Started by another build: foreign again.
        Files.writeString(stack.home().run().resolve("messaging.owner"), (build.pid() + 1) + "\n");
        assertThat(stack.foreignServices(Optional.of(build))).containsExactly("messaging");
    }

}
