package org.opencpm.adapters.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request over a raw socket whose body is sent in chunks, a piece at a time, while
 * the answer is read: what a streaming endpoint must do — answer what has arrived before the rest
 * is sent — can only be seen from a client that does not finish sending first.
 */
final class ChunkedExchange implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    ChunkedExchange(int port, String pathAndQuery, String key, String contentType, String accept) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        out.write(("POST /" + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\nContent-Type: "
                + contentType + "\r\nAccept: " + accept + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends {@code text} as one chunk. */
    void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends the last chunk: the body is complete. */
    void finish() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Reads until what was received holds {@code expected}; fails when the server has not sent it
     * within the socket's timeout (20 s) or closed the connection first.
     */
    String readUntil(String expected) throws IOException {
        byte[] buffer = new byte[8192];
        while (!received.toString(StandardCharsets.UTF_8).contains(expected)) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException timeout) {
                throw new AssertionError("no '" + expected + "' within 20 s; received so far: " + received.toString(StandardCharsets.UTF_8));
            }
            if (n < 0) {
                throw new AssertionError("the connection ended before '" + expected + "'; received: " + received.toString(StandardCharsets.UTF_8));
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Reads until the server closes the connection or stops sending for 20 s; what was received in all. */
    String readToEnd() throws IOException {
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
                if (received.toString(StandardCharsets.UTF_8).endsWith("\r\n0\r\n\r\n")) {
                    break; // the chunked answer's end: the connection may stay open
                }
            }
        } catch (IOException reset) {
            // a connection reset also ends it
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
