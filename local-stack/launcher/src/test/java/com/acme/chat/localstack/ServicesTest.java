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

}
