package com.acme.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceViewTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String OTHER = "0af7651916cd43dd8448eb211c80319c";

    @TempDir
    Path logs;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    /** A span line as Boot's console pattern writes it. */
    private static String line(String trace, String id, String parent, String service, String kind, String start,
            long micros, String name, String tags) {
        return "2026-11-30T10:15:31.001Z  INFO 4242 --- [" + service + "] [BatchSpanProcessor_WorkerThread-1] "
                + "[                                                 ] chat.trace : span trace=" + trace + " id=" + id
                + " parent=" + parent + " service=" + service + " kind=" + kind + " start=" + start + " duration_us="
                + micros + " name=\"" + name + "\"" + (tags.isEmpty() ? "" : " " + tags);
    }

    private void write(String component, String... lines) throws IOException {
        Files.write(logs.resolve(component + ".log"), List.of(lines));
    }

    @Test
    void printsOneTraceAcrossServicesAsATreeWithOffsetsAndDurations() throws IOException {
        write("websocket-manager",
                "2026-11-30T10:15:30.000Z  INFO 4242 --- [websocket-manager-service] [main] chat : Started",
                line(TRACE, "a000000000000001", "-", "websocket-manager-service", "INTERNAL",
                        "2026-11-30T10:15:30.000000Z", 12_500, "frame send_message", "type=send_message outcome=ok"),
                line(TRACE, "a000000000000002", "a000000000000001", "websocket-manager-service", "CLIENT",
                        "2026-11-30T10:15:30.000200Z", 12_000, "http post", "uri=/api/v1/messages status=201"),
                line(TRACE, "c000000000000001", "b000000000000002", "websocket-manager-service", "CONSUMER",
                        "2026-11-30T10:15:30.020000Z", 150, "push MessageFrame", "outcome=pushed"),
                line(OTHER, "d000000000000001", "-", "websocket-manager-service", "INTERNAL",
                        "2026-11-30T10:15:40.000000Z", 100, "frame ping", "type=ping outcome=ok"));
        write("messaging",
                line(TRACE, "b000000000000001", "a000000000000002", "messaging-service", "SERVER",
                        "2026-11-30T10:15:30.001000Z", 11_000, "http post /api/v1/messages", "status=201"),
                line(TRACE, "b000000000000003", "b000000000000001", "messaging-service", "INTERNAL",
                        "2026-11-30T10:15:30.002000Z", 3_000, "INSERT messages", "lwt=true"));
        write("relay", line(TRACE, "b000000000000002", "b000000000000001", "relay-service", "PRODUCER",
                "2026-11-30T10:15:30.019000Z", 500, "publish MessageFrame", ""));
        write("cassandra", "INFO  [main] 2026-11-30 10:15:00 CassandraDaemon.java - span trace=nothing here");

        int exit = new TraceView(logs).run(List.of(TRACE.toUpperCase()), out);

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("trace " + TRACE + ": 6 spans, 3 services, 20.150 ms")
            .doesNotContain("frame ping");
        List<String> rows = printed.lines().filter(row -> row.contains("  ")).skip(1).toList();
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).matches("\\s+0\\.000\\s+12\\.500\\s+websocket-manager\\s+frame send_message"
                + "  type=send_message outcome=ok");
        assertThat(rows.get(1)).matches("\\s+0\\.200\\s+12\\.000\\s+websocket-manager\\s+  http post \\[client\\].*");
        assertThat(rows.get(2))
            .matches("\\s+1\\.000\\s+11\\.000\\s+messaging\\s+    http post /api/v1/messages " + "\\[server\\].*");
        assertThat(rows.get(3)).matches("\\s+2\\.000\\s+3\\.000\\s+messaging\\s+      INSERT messages  lwt=true");
        assertThat(rows.get(4))
            .matches("\\s+19\\.000\\s+0\\.500\\s+relay\\s+      publish MessageFrame \\[producer\\]");
        assertThat(rows.get(5))
            .matches("\\s+20\\.000\\s+0\\.150\\s+websocket-manager\\s+        push MessageFrame \\[consumer\\].*");
    }

    @Test
    void listsRecentTracesOfMoreThanOneSpanWithoutAnId() throws IOException {
        write("messaging",
                line(TRACE, "b000000000000001", "-", "messaging-service", "SERVER", "2026-11-30T10:15:30.001000Z",
                        11_000, "http post /api/v1/messages", ""),
                line(TRACE, "b000000000000003", "b000000000000001", "messaging-service", "INTERNAL",
                        "2026-11-30T10:15:30.002000Z", 3_000, "INSERT messages", ""),
                line(OTHER, "d000000000000001", "-", "messaging-service", "INTERNAL", "2026-11-30T10:15:40.000000Z",
                        100, "SELECT users", ""));

        int exit = new TraceView(logs).run(List.of(), out);

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains(TRACE).contains("2026-11-30T10:15:30.001Z").contains("messaging http post");
        assertThat(printed).doesNotContain(OTHER);
    }

    @Test
    void saysWhereItLookedWhenTheTraceIsUnknown() {
        int exit = new TraceView(logs).run(List.of(TRACE), out);

        assertThat(exit).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("No spans of trace " + TRACE)
            .contains(logs.toString());
    }

}
