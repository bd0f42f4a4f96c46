package com.acme.chat.kit.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body of a servlet service ({@code chat.web.max-request-body}): a
 * body whose declared length is larger is refused before a byte of it is read, and a body
 * without a declared length (chunked) is cut off where it passes the bound. Either way
 * the reader gets {@link TooLarge}, which the exception handler answers with 413
 * {@code payload_too_large}. A body nobody reads is not counted (Tomcat discards it).
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Bounded(request, maxBytes), response);
    }

    /** The body is larger than the service accepts. */
    public static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        TooLarge(long maxBytes) {
            super("The request body is larger than " + maxBytes + " bytes");
        }

        /**
         * @return whether {@code ex} or one of its causes is a {@link TooLarge}
         */
        public static @Nullable TooLarge in(@Nullable Throwable ex) {
            for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
                if (cause instanceof TooLarge tooLarge) {
                    return tooLarge;
                }
                if (cause.getCause() == cause) {
                    break;
                }
            }
            return null;
        }

    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long maxBytes;

        private @Nullable ServletInputStream stream;

        Bounded(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (getContentLengthLong() > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            if (stream == null) {
                stream = new Counting(super.getInputStream(), maxBytes);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            throw new IllegalStateException("Bodies are read as streams in this service");
        }

    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream delegate;

        private final long maxBytes;

        private long read;

        Counting(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > maxBytes) {
                throw new TooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

    }

}
