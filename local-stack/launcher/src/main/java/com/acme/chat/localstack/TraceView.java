package com.acme.chat.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./chatctl trace [traceId]}: reads the span lines the services log in the
 * {@code local} profile (logger {@code chat.trace}, one line per finished span, see
 * service-kit {@code SpanLog}) from {@code .local/logs/*.log} and prints one trace as a
 * tree with per-hop timings, or, without an id, the most recent traces to pick from.
 */
final class TraceView {

    static final Pattern LINE = Pattern.compile("span trace=([0-9a-f]{32}) id=([0-9a-f]{16}) parent=([0-9a-f]{16}|-)"
            + " service=(\\S+) kind=(\\w+) start=(\\S+) duration_us=(\\d+) name=\"([^\"]*)\"(.*)$");

    private static final int RECENT = 15;

    private final Path logs;

    TraceView(Path logs) {
        this.logs = logs;
    }

    /**
     * One finished span as a service logged it.
     *
     * @param tags the rest of the line: {@code key=value} pairs
     */
    record Span(String traceId, String id, String parent, String service, String kind, Instant start,
            long durationMicros, String name, String tags) {

        static Span parse(String line) {
            Matcher matcher = LINE.matcher(line);
            if (!matcher.find()) {
                return null;
            }
            return new Span(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4), matcher.group(5),
                    Instant.parse(matcher.group(6)), Long.parseLong(matcher.group(7)), matcher.group(8),
                    matcher.group(9).strip());
        }

        Instant end() {
            return start.plusNanos(durationMicros * 1000);
        }

    }

    int run(List<String> args, PrintStream out) {
        if (args.size() > 1) {
            throw new StackException("usage: ./chatctl trace [traceId]");
        }
        if (args.isEmpty()) {
            return recent(out);
        }
        String traceId = args.get(0).toLowerCase(Locale.ROOT);
        List<Span> spans = read(traceId);
        if (spans.isEmpty()) {
            out.println("No spans of trace " + traceId + " in " + logs + ". Spans are logged by services running with"
                    + " the local profile (./chatctl up), within a second of finishing; ./chatctl trace lists recent"
                    + " traces.");
            return 1;
        }
        print(spans, out);
        return 0;
    }

    /** The spans of one trace, or of all traces for {@code null}. */
    List<Span> read(String traceId) {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        String marker = (traceId == null) ? "span trace=" : "span trace=" + traceId;
        List<Span> spans = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                // Span lines are ASCII; Latin-1 reads any byte, so a server's odd log
                // line cannot fail the read.
                try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                    lines.filter(line -> line.contains(marker))
                        .map(Span::parse)
                        .filter(s -> s != null)
                        .forEach(spans::add);
                }
            }
        }
        catch (IOException ex) {
            throw new StackException("Cannot read the logs in " + logs + ": " + ex.getMessage(), ex);
        }
        return spans;
    }

    static void print(List<Span> spans, PrintStream out) {
        Instant start = spans.stream().map(Span::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = spans.stream().map(Span::end).max(Comparator.naturalOrder()).orElseThrow();
        Set<String> services = spans.stream().map(Span::service).collect(Collectors.toCollection(TreeSet::new));
        out.printf("trace %s: %d spans, %d services, %.3f ms, started %s%n%n", spans.get(0).traceId(), spans.size(),
                services.size(), micros(start, end) / 1000.0, start);
        out.printf("%10s %10s  %-18s %s%n", "at ms", "took ms", "service", "span");
        Map<String, Span> byId = new LinkedHashMap<>();
        spans.forEach(span -> byId.putIfAbsent(span.id(), span));
        Map<String, List<Span>> children = new LinkedHashMap<>();
        List<Span> roots = new ArrayList<>();
        for (Span span : byId.values()) {
            if (byId.containsKey(span.parent())) {
                children.computeIfAbsent(span.parent(), p -> new ArrayList<>()).add(span);
            }
            else {
                roots.add(span);
            }
        }
        roots.sort(Comparator.comparing(Span::start));
        for (Span root : roots) {
            print(root, 0, start, children, out);
        }
    }

    private static void print(Span span, int depth, Instant traceStart, Map<String, List<Span>> children,
            PrintStream out) {
        out.printf("%10.3f %10.3f  %-18s %s%s%s%n", micros(traceStart, span.start()) / 1000.0,
                span.durationMicros() / 1000.0, shortName(span.service()), "  ".repeat(depth), label(span),
                span.tags().isEmpty() ? "" : "  " + span.tags());
        List<Span> below = children.getOrDefault(span.id(), List.of())
            .stream()
            .sorted(Comparator.comparing(Span::start))
            .toList();
        for (Span child : below) {
            print(child, depth + 1, traceStart, children, out);
        }
    }

    private static String label(Span span) {
        return "INTERNAL".equals(span.kind()) ? span.name()
                : span.name() + " [" + span.kind().toLowerCase(Locale.ROOT) + "]";
    }

    private int recent(PrintStream out) {
        Map<String, List<Span>> traces = read(null).stream()
            .collect(Collectors.groupingBy(Span::traceId, LinkedHashMap::new, Collectors.toList()));
        List<List<Span>> multiHop = traces.values()
            .stream()
            .filter(spans -> spans.size() > 1)
            .sorted(Comparator.comparing((List<Span> spans) -> first(spans).start()).reversed())
            .limit(RECENT)
            .toList();
        if (multiHop.isEmpty()) {
            out.println("No traces in " + logs + " yet. Services log their spans with the local profile"
                    + " (./chatctl up); send a message, then run ./chatctl trace again.");
            return 1;
        }
        out.printf("%-32s  %-24s %6s %10s  %s%n", "trace", "started", "spans", "took ms", "first span");
        for (List<Span> spans : multiHop) {
            Span first = first(spans);
            Instant end = spans.stream().map(Span::end).max(Comparator.naturalOrder()).orElseThrow();
            out.printf("%-32s  %-24s %6d %10.3f  %s %s%n", first.traceId(), first.start(), spans.size(),
                    micros(first.start(), end) / 1000.0, shortName(first.service()), first.name());
        }
        out.println();
        out.println("./chatctl trace <trace> prints one as a tree.");
        return 0;
    }

    private static Span first(List<Span> spans) {
        return spans.stream().min(Comparator.comparing(Span::start)).orElseThrow();
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }

    private static String shortName(String service) {
        return service.endsWith("-service") ? service.substring(0, service.length() - "-service".length()) : service;
    }

}
