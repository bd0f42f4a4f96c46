package com.acme.chat.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void findsAMarkerAcrossChunksOfALongLogAndOnlyWhatIsNewOnTheNextCall() throws IOException {
        Path log = dir.resolve("kafka.log");
        // Three chunks and a bit, with the marker split across the second boundary.
        String marker = "Kafka Server started";
        StringBuilder text = new StringBuilder();
        text.append("x".repeat(2 * LogTail.CHUNK - 7)).append(marker).append("y".repeat(LogTail.CHUNK + 100));
        Files.writeString(log, text, StandardCharsets.UTF_8);
        assertThat(LogTail.whole(log).contains(marker)).isTrue();

        LogTail tail = LogTail.whole(log);
        assertThat(tail.contains("not there")).isFalse();
        Files.writeString(log, "\nnot there\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(tail.contains("not there")).isTrue();
    }

}
