package org.opencpm.distribution.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks the server's own port for {@code GET /health/live} and tells whether an answer came: a
 * status line within the timeout. A connection that is only accepted by the kernel (it waits in
 * the accept queue of a listener whose accept loop is stuck, or that has no free place) is no
 * answer. Over HTTPS the probe completes a TLS handshake first; it does not check the server's
 * certificate, since it talks only to its own port and sends nothing secret, and a handshake
 * broken off would cost the listener a place for good (Helidon 4.1.6 does not give back the place
 * of a connection whose handshake fails).
 *
 * <p>The probe's connections are exempt from the per-address limit ({@link #isOwn}): behind a
 * reverse proxy on the same host, the proxy's connections may fill its address's share, and the
 * watchdog must still see a listener that serves.
 */
final class ServingProbe {

    /** What a probe found. */
    enum Answer {
        /** A status line came back. */
        SERVED,
        /** Refused, or no status line within the timeout. */
        NOT_SERVED,
        /** The probe could not even try (no descriptor left for its own socket): says nothing about the listener. */
        UNKNOWN
    }

    private static final Set<Integer> OWN_PORTS = ConcurrentHashMap.newKeySet();

    private final InetSocketAddress target;
    private final int timeoutMillis;
    private final SSLSocketFactory tls;
    private volatile Socket current;

    private ServingProbe(InetSocketAddress target, Duration timeout, SSLSocketFactory tls) {
        this.target = target;
        this.timeoutMillis = (int) timeout.toMillis();
        this.tls = tls;
    }

    static ServingProbe http(InetSocketAddress target, Duration timeout) {
        return new ServingProbe(target, timeout, null);
    }

    static ServingProbe https(InetSocketAddress target, Duration timeout) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            return new ServingProbe(target, timeout, context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS for the listener probe", e);
        }
    }

    /** Whether a connection from {@code remote} to {@code local} is a probe's own. */
    static boolean isOwn(InetSocketAddress remote, InetSocketAddress local) {
        return remote.getAddress().equals(local.getAddress()) && OWN_PORTS.contains(remote.getPort());
    }

    Answer probe() {
        Socket socket = new Socket();
        int port;
        try {
            socket.bind(new InetSocketAddress(target.getAddress(), 0));
            port = socket.getLocalPort();
        } catch (IOException noSocket) {
            close(socket);
            return Answer.UNKNOWN;
        }
        OWN_PORTS.add(port);
        current = socket;
        try {
            socket.connect(target, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return answered(tls == null ? socket : handshake(socket)) ? Answer.SERVED : Answer.NOT_SERVED;
        } catch (IOException refusedOrNoAnswer) {
            return Answer.NOT_SERVED;
        } finally {
            current = null;
            close(socket);
            OWN_PORTS.remove(port);
        }
    }

    /** Ends a probe under way at once (at shutdown). */
    void abort() {
        Socket socket = current;
        if (socket != null) {
            close(socket);
        }
    }

    private Socket handshake(Socket socket) throws IOException {
        SSLSocket secure = (SSLSocket) tls.createSocket(socket, target.getHostString(), target.getPort(), true);
        secure.startHandshake();
        return secure;
    }

    private static boolean answered(Socket socket) throws IOException {
        String host = socket.getInetAddress().getHostAddress();
        socket.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: " + (host.contains(":") ? "[" + host + "]" : host)
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        byte[] start = in.readNBytes(9);
        return new String(start, StandardCharsets.US_ASCII).startsWith("HTTP/1.");
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** Accepts the certificate of the probe's own server, whatever it is. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("the probe is a client only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // its own server: see the class comment
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
