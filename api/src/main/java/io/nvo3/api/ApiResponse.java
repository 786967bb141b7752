package io.nvo3.api;

import java.nio.charset.StandardCharsets;

/** What a route answers; {@link Streamed} for responses written incrementally (SSE). */
public sealed interface ApiResponse {
    int status();

    record Full(int status, String contentType, byte[] body) implements ApiResponse {}

    /** The route writes the body itself through {@code writer}; it runs on the request's virtual thread. */
    record Streamed(int status, String contentType, StreamWriter writer) implements ApiResponse {}

    @FunctionalInterface
    interface StreamWriter {
        /** Writes until done or until the client goes away ({@link java.io.IOException}). */
        void write(EventSink sink) throws Exception;
    }

    /** A blocking sink of text chunks. */
    interface EventSink {
        void send(String chunk) throws java.io.IOException;
    }

    static ApiResponse json(int status, byte[] body) {
        return new Full(status, "application/json", body);
    }

    static ApiResponse text(int status, String contentType, String body) {
        return new Full(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse noContent() {
        return new Full(204, null, new byte[0]);
    }
}
