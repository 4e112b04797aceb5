package org.opencpm.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain TCP clients of the server, for what an HTTP client library would not do: stall, trickle, hold. */
final class RawSockets {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    private RawSockets() {
    }

    static Socket connect(int port) throws IOException {
        return connectFrom("127.0.0.1", port);
    }

    /** A connection from another loopback address ({@code 127.0.0.2}…), which the server counts apart from 127.0.0.1. */
    static Socket connectFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    /** The status line and headers of one response, and its body when it has a Content-Length. */
    static String readResponseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head.toString();
    }

    /** Whether the server closes the connection (end of stream or reset) within {@code limit}, reading whatever it sends. */
    static boolean closedWithin(Socket socket, Duration limit) throws IOException {
        return endsWithin(socket, limit, Long.MAX_VALUE);
    }

    /**
     * Whether the connection ends (end of stream or reset) within {@code limit} and {@code budget}
     * bytes read: a server still sending has not closed it, however long it has been sending.
     */
    static boolean endsWithin(Socket socket, Duration limit, long budget) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[65536];
        long read = 0;
        while (System.nanoTime() < end && read < budget) {
            socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
                read += n;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (SocketException reset) {
                return true;
            }
        }
        return false;
    }
}
