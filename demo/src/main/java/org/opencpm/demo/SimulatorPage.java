package org.opencpm.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * The simulators' page: {@code /} (a plain page, its script and style as files: the policy allows
 * nothing inline), {@code /api/calls?after=N} (the calls received since N, each platform's state now
 * and the sample people with what each platform sees of them), {@code POST /api/campaign} (a
 * marketing SMS to everyone through OpenCPM) and {@code POST /api/reply?person=<key>} (that person
 * answers an SMS with 退订: Alibaba Cloud's SmsUp push to OpenCPM). Both need the header
 * {@code X-Demo-Action} ({@code campaign}, {@code reply}), which another site's page cannot send here
 * without a CORS preflight this server never allows, so no other page can make the demo act. Only a request naming
 * this server by its loopback address ({@code Host: 127.0.0.1:<port>} or {@code localhost:<port>}) is answered: a
 * page on a DNS-rebound name (its name now resolving to 127.0.0.1) is then same-origin with this server, and could
 * otherwise read {@code /api/calls} (the preference-centre link with its token) and start the actions.
 */
final class SimulatorPage implements HttpHandler {

    private static final Map<String, String> FILES = Map.of("/", "index.html", "/index.html", "index.html",
            "/simulators.js", "simulators.js", "/simulators.css", "simulators.css");

    private final CallLog log;
    private final WeChatSimulator wechat;
    private final OceanEngineSimulator douyin;
    private final IntSupplier campaign;
    private final Predicate<String> unsubscribe;
    private final Map<String, String> links;

    SimulatorPage(CallLog log, WeChatSimulator wechat, OceanEngineSimulator douyin, IntSupplier campaign, Predicate<String> unsubscribe,
                  Map<String, String> links) {
        this.log = log;
        this.wechat = wechat;
        this.douyin = douyin;
        this.campaign = campaign;
        this.unsubscribe = unsubscribe;
        this.links = links;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            // The Host first: a request for another name is answered without reading (or waiting for) its body.
            if (!loopbackHost(exchange)) {
                problem(exchange, 421, "This page answers only at http://127.0.0.1:" + exchange.getLocalAddress().getPort() + "/ (or localhost).");
                return;
            }
            exchange.getRequestBody().readNBytes(Exchanges.MAX_BODY);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && FILES.containsKey(path)) {
                file(exchange, FILES.get(path));
            } else if ("GET".equals(method) && "/api/calls".equals(path)) {
                calls(exchange);
            } else if ("POST".equals(method) && "/api/campaign".equals(path)) {
                if (!"campaign".equals(exchange.getRequestHeaders().getFirst("X-Demo-Action"))) {
                    problem(exchange, 403, "The campaign is started from the simulators' page (header X-Demo-Action: campaign).");
                    return;
                }
                int sent = campaign.getAsInt();
                Exchanges.json(exchange, 200, Json.createObjectBuilder().add("sent", sent).build());
            } else if ("POST".equals(method) && "/api/reply".equals(path)) {
                if (!"reply".equals(exchange.getRequestHeaders().getFirst("X-Demo-Action"))) {
                    problem(exchange, 403, "A reply is sent from the simulators' page (header X-Demo-Action: reply).");
                    return;
                }
                String person = Exchanges.query(exchange).getOrDefault("person", "");
                if (SamplePeople.ALL.stream().noneMatch(p -> p.key().equals(person))) {
                    problem(exchange, 400, "person must be the key of a sample person");
                    return;
                }
                Exchanges.json(exchange, 200, Json.createObjectBuilder().add("recorded", unsubscribe.test(person)).build());
            } else {
                problem(exchange, 404, "No such page.");
            }
        }
    }

    /** Whether the request's Host is this server's loopback name and port (exactly one Host header). */
    static boolean loopbackHost(HttpExchange exchange) {
        List<String> hosts = exchange.getRequestHeaders().get("Host");
        if (hosts == null || hosts.size() != 1) {
            return false;
        }
        int port = exchange.getLocalAddress().getPort();
        String host = hosts.getFirst().strip().toLowerCase(java.util.Locale.ROOT);
        return host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port);
    }

    private void calls(HttpExchange exchange) throws IOException {
        long after;
        try {
            after = Long.parseLong(Exchanges.query(exchange).getOrDefault("after", "0"));
        } catch (NumberFormatException e) {
            problem(exchange, 400, "after must be a number");
            return;
        }
        JsonArrayBuilder calls = Json.createArrayBuilder();
        log.after(after).forEach(call -> calls.add(call.toJson()));
        JsonObjectBuilder tags = Json.createObjectBuilder();
        wechat.tags().forEach((name, members) -> tags.add(name, Json.createArrayBuilder(members)));
        JsonArrayBuilder people = Json.createArrayBuilder();
        SamplePeople.ALL.forEach(person -> people.add(person.toJson()));
        JsonObjectBuilder linkJson = Json.createObjectBuilder();
        links.forEach(linkJson::add);
        Exchanges.json(exchange, 200, Json.createObjectBuilder().add("calls", calls)
                .add("wechatTags", tags).add("douyinAudience", Json.createArrayBuilder(List.copyOf(douyin.audience())))
                .add("people", people).add("links", linkJson).build());
    }

    private static void file(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = SimulatorPage.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                problem(exchange, 404, "No such page.");
                return;
            }
            String type = name.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
            Exchanges.send(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        byte[] body = Json.createObjectBuilder().add("type", "about:blank").add("title", switch (status) {
            case 404 -> "Not Found";
            case 403 -> "Forbidden";
            case 421 -> "Misdirected Request";
            default -> "Bad Request";
        })
                .add("status", status).add("detail", detail).build().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Exchanges.send(exchange, status, "application/problem+json", body);
    }
}
