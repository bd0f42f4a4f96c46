package com.acme.chat.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads the part of a log file written since a given offset, so a readiness marker from
 * an earlier run of the same component is never mistaken for the current one.
 */
public final class LogTail {

    private final Path file;

    private final long from;

    private long scanned;

    private boolean found;

    private String pendingMarker;

    private LogTail(Path file, long from) {
        this.file = file;
        this.from = from;
        this.scanned = from;
    }

    /** Starts reading at the current end of the file (before a new run appends to it). */
    public static LogTail fromEnd(Path file) {
        try {
            return new LogTail(file, Files.exists(file) ? Files.size(file) : 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Bytes read at once. */
    static final int CHUNK = 1024 * 1024;

    public static LogTail whole(Path file) {
        return new LogTail(file, 0);
    }

    /**
     * True once {@code marker} appeared in the log since this tail's start; reads only
     * what is new each call.
     */
    public boolean contains(String marker) {
        if (found && marker.equals(pendingMarker)) {
            return true;
        }
        pendingMarker = marker;
        if (!Files.exists(file)) {
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            // Re-read a little overlap so a marker split across two reads is still seen.
            long start = Math.max(from, scanned - marker.length());
            if (length <= start) {
                return false;
            }
            // In chunks, each overlapping the last by the marker's length: a log of tens
            // of
            // MB (a Kafka that ran for days) must not need its size in heap.
            while (start < length) {
                raf.seek(start);
                byte[] bytes = new byte[(int) Math.min(length - start, CHUNK)];
                raf.readFully(bytes);
                scanned = start + bytes.length;
                if (new String(bytes, StandardCharsets.UTF_8).contains(marker)) {
                    found = true;
                    return true;
                }
                if (scanned >= length) {
                    break;
                }
                start = scanned - marker.length();
            }
            found = false;
            return false;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** The last {@code lines} lines of the whole file, for error messages. */
    public static List<String> lastLines(Path file, int lines) {
        if (!Files.exists(file)) {
            return List.of();
        }
        Deque<String> tail = new ArrayDeque<>();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                tail.addLast(line);
                if (tail.size() > lines) {
                    tail.removeFirst();
                }
            }
        }
        catch (IOException | UncheckedIOException ex) {
            return List.of("(cannot read " + file + ": " + ex.getMessage() + ")");
        }
        return List.copyOf(tail);
    }

}
