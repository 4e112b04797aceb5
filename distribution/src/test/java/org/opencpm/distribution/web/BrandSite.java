package org.opencpm.distribution.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A brand's web page on an origin of its own (another port of loopback), as the SDK meets it: it
 * loads {@code /sdk/opencpm.js} from OpenCPM and calls {@code OpenCPM.init} from its own script,
 * under a strict Content-Security-Policy of its own (no inline script or style; scripts and
 * connections to OpenCPM's origin only), and lists the choices the SDK reports.
 */
final class BrandSite implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    final String origin;
    /** The collector key the page uses: made once the site's origin is known. */
    private volatile String key = "none-yet";

    private BrandSite(HttpServer server) {
        this.server = server;
        this.origin = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves the page for {@code memberId} on a free port; the SDK talks to {@code api} with the key given to {@link #use}. */
    static BrandSite start(String api, String memberId, String lang) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        BrandSite site = new BrandSite(server);
        String csp = "default-src 'self'; script-src 'self' " + api + "; connect-src " + api + "; style-src 'self'; img-src 'self';"
                + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
        String page = """
                <!doctype html>
                <html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Brand shop</title>
                <script src="%s/sdk/opencpm.js"></script>
                <script src="/brand.js" defer></script></head>
                <body><main><h1>Brand shop</h1><p>Welcome back.</p><h2>Your privacy choices</h2><ul id="choices"></ul></main></body></html>
                """.formatted(lang, api);
        String script = """
                document.addEventListener('opencpm:change', function (e) {
                  var list = document.getElementById('choices');
                  list.textContent = '';
                  Object.keys(e.detail.choices).sort().forEach(function (purpose) {
                    var item = document.createElement('li');
                    item.id = 'choice-' + purpose;
                    item.textContent = purpose + ': ' + e.detail.choices[purpose].state;
                    list.appendChild(item);
                  });
                });
                OpenCPM.init({ endpoint: '%s', key: '%s', notice: { code: '%s', version: '%s' },
                               subject: { identifiers: [{ type: 'member_id', value: '%s' }] }, lang: '%s' })
                  .then(function (c) { window.brandChoices = c; }, function (e) { window.brandError = String(e && e.message || e); });
                """.formatted(api, "@KEY@", ConsentFaces.NOTICE_CODE, ConsentFaces.NOTICE_VERSION, memberId, lang);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                answer(exchange, 200, "text/html; charset=utf-8", page, csp);
            } else if (path.equals("/brand.js")) {
                answer(exchange, 200, "text/javascript; charset=utf-8", script.replace("@KEY@", site.key), csp);
            } else {
                answer(exchange, 404, "text/plain; charset=utf-8", "not here", csp);
            }
        });
        server.setExecutor(site.threads);
        server.start();
        return site;
    }

    /** The collector key the page's script will carry from the next load on. */
    BrandSite use(String collectorKey) {
        this.key = collectorKey;
        return this;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body, String csp) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Content-Security-Policy", csp);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
