package org.opencpm.demo;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulated platforms, each on its own loopback port as each platform is its own host: WeChat,
 * Ocean Engine, Alibaba Cloud SMS. All record into one {@link CallLog}.
 */
final class Simulators implements AutoCloseable {

    final CallLog log;
    final WeChatSimulator wechat;
    final OceanEngineSimulator douyin;
    final AliyunSmsSimulator sms;
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "demo-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final URI wechatUri;
    private final URI douyinUri;
    private final URI smsUri;

    Simulators(DemoSecrets secrets, Clock clock) throws IOException {
        log = new CallLog(clock);
        wechat = new WeChatSimulator(secrets.wechatAppId(), secrets.wechatAppSecret(), log, clock);
        douyin = new OceanEngineSimulator(secrets, log);
        sms = new AliyunSmsSimulator(secrets, log, clock);
        wechatUri = serve(wechat, 0);
        douyinUri = serve(douyin, 0);
        smsUri = serve(sms, 0);
    }

    /** Serves {@code handler} on loopback at {@code port} (0: a free one); answers its root URI. */
    URI serve(HttpHandler handler, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException bug) {
                // A simulator's own failure: answered as a platform answers its own (and listed), never a dropped connection.
                // Listed apart: a request that trips it again and again need not have proved who sent it.
                log.refusedUnauthenticated("demo", "unknown", java.util.Map.of("path", exchange.getRequestURI().getPath()),
                        bug.getClass().getSimpleName());
                try {
                    Exchanges.send(exchange, 500, "application/json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException gone) {
                    exchange.close();
                }
            }
        });
        server.setExecutor(threads);
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI wechatUri() {
        return wechatUri;
    }

    URI douyinUri() {
        return douyinUri;
    }

    URI smsUri() {
        return smsUri;
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        threads.shutdownNow();
    }
}
