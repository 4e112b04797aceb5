package org.opencpm.distribution.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * {@code bin/opencpm status}'s check that the server's port accepts connections, so that a process
 * whose listener died is not reported as running. Exit status 0 when a connection to
 * {@code host port} succeeds within two seconds, 1 otherwise. Plain TCP, so it works for HTTP and
 * HTTPS alike.
 */
public final class PortProbe {

    private PortProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PortProbe <host> <port>");
            System.exit(2);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 2000);
            System.exit(0);
        } catch (IOException | IllegalArgumentException e) {
            System.exit(1);
        }
    }
}
