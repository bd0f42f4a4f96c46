package com.acme.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTest {

    @TempDir
    Path root;

    @Test
    void aServiceRunsFromACopySoARebuildCannotPullItsJarAway() throws IOException {
        Services.Service messaging = Services.all()
            .stream()
            .filter(component -> component.name().equals("messaging"))
            .map(Services.Service.class::cast)
            .findFirst()
            .orElseThrow();
        StackHome home = StackHome.of(root);
        Path built = messaging.jar(home);
        Files.createDirectories(built.getParent());
        Files.writeString(built, "build 1");

        List<String> command = messaging.command(home);

        if (System.getenv("CHAT_BIND_ADDRESS") == null) {
            // /dev/tokens (local profile) must not be reachable from the network by
            // default.
            assertThat(command).contains("--server.address=127.0.0.1");
        }
        Path running = Path.of(command.get(command.indexOf("-jar") + 1));
        assertThat(running).isEqualTo(home.run().resolve("messaging.jar"));
        assertThat(running).hasContent("build 1");

        // The next build replaces the jar in target/; the running copy stays as it was
        // until the next start.
        Files.writeString(built, "build 2");
        assertThat(running).hasContent("build 1");
        messaging.command(home);
        assertThat(running).hasContent("build 2");
        assertThat(home.run().resolve("messaging.jar.partial")).doesNotExist();
    }

    @Test
    void theTestsOwnServicesHaveTheirOwnNamesPortsNamespaceAndPeers() throws IOException {
        StackHome home = StackHome.of(root);
        List<Component> tests = Services.forTests("it3kf9a2");
        List<Component> developers = Services.all();

        assertThat(tests).extracting(Component::name)
            .containsExactly("it-websocket-manager", "it-messaging", "it-relay", "it-group", "it-last-seen",
                    "it-asset");
        assertThat(tests).flatExtracting(Component::ports).containsExactly(28080, 28081, 28082, 28083, 28084, 28085);
        assertThat(developers).flatExtracting(Component::ports).containsExactly(8080, 8081, 8082, 8083, 8084, 8085);
        assertThat(Services.testPort("relay")).isEqualTo(28082);

        for (Component component : tests) {
            Services.Service service = (Services.Service) component;
            Files.createDirectories(service.jar(home).getParent());
            Files.writeString(service.jar(home), "jar");
            assertThat(service.command(home)).contains("--chat.namespace=it3kf9a2");
        }
        Services.Service handler = (Services.Service) tests.get(0);
        assertThat(handler.command(home)).contains("--chat.wsmanager.messaging-url=http://127.0.0.1:28081",
                "--chat.wsmanager.relay-url=http://127.0.0.1:28082");
        Services.Service developersHandler = (Services.Service) developers.get(0);
        assertThat(developersHandler.command(home)).contains("--chat.wsmanager.messaging-url=http://127.0.0.1:8081")
            .noneMatch(arg -> arg.startsWith("--chat.namespace"));
        // The two sets never share a running copy of a jar.
        assertThat(home.run().resolve("it-messaging.jar")).exists();
        assertThat(home.run().resolve("messaging.jar")).doesNotExist();
    }

}
