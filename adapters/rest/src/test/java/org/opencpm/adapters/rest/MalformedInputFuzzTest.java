package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives every endpoint of the REST adapter with malformed input and checks the promise of the
 * API: a 4xx problem+json, never a 5xx or a stack trace, and nothing written by a refused request.
 *
 * <p>The endpoints are found by reflection over the adapter's JAX-RS resources ({@code @Path} and
 * the HTTP method annotations), so a new endpoint is fuzzed without anyone listing it. The inputs
 * come from a {@link Random} with a fixed seed: the same cases run every time, and a failure names
 * the seed, the case and the request. Every body sent to a JSON endpoint is broken in a way the
 * strict input rules refuse (invalid UTF-8, a foreign charset, control characters, data after the
 * object, deep nesting, huge numbers, duplicate keys, truncation, random bytes…), so each must be
 * refused; path and query values are hostile too (percent-encoded control characters, {@code ;},
 * invalid UTF-8, overlong values).
 */
@HelidonTest
class MalformedInputFuzzTest {

    private static final long SEED = 0x0_8_06L;
    private static final int CASES_PER_ENDPOINT = 160;

    /** Sample request bodies, one per kind of JSON the API reads; each case breaks one of them. */
    private static final List<String> SAMPLES = List.of(
            Catalogue.grant("13800138000", "'purpose': 'marketing-sms', 'occurredAt': '2026-11-29T10:00:00+08:00'"),
            json("""
                    { 'name': {'zh': '营销短信', 'en': 'Marketing SMS'}, 'description': '新品', 'category': 'marketing',
                      'legalBasis': 'consent', 'dataElements': ['phone'], 'recipients': [{'name': 'Acme', 'contact': 'a@acme.cn',
                      'country': 'CN'}], 'retentionDays': 365, 'validityDays': 730 }"""),
            json("""
                    { 'code': 'fuzz-notice', 'version': '1', 'language': 'zh-CN', 'title': '条款', 'content': '文本',
                      'purposes': ['marketing-sms'], 'material': false }"""),
            json("""
                    { 'topics': {'promotions': false}, 'channels': {'sms': {'enabled': true, 'maxPerMonth': 2}},
                      'quietHours': {'start': '21:00', 'end': '08:00', 'zone': 'Asia/Shanghai'}, 'language': 'zh-CN' }"""),
            json("{ 'subject': {'identifiers': [{'type': 'email', 'value': 'a@example.com'}]}, 'purpose': 'marketing-sms', 'channel': 'sms' }"),
            json("{ 'identifiers': [{'type': 'wechat_openid', 'value': 'o6_bmjrPTlm6', 'scope': 'wx1234'}] }"),
            json("{ 'name': 'fuzz key', 'roles': ['integrator'] }"),
            json("{ 'events': [ { 'subject': {'identifiers': [{'type': 'crm_id', 'value': 'c-1'}]}, 'purpose': 'marketing-sms', "
                    + "'action': 'withdraw', 'channel': 'web', 'method': 'checkbox' } ] }"),
            json("{ 'ids': [1, 2, 3] }"),
            json("{ 'token': 'abc', 'channel': 'email', 'occurredAt': '2026-11-29T10:00:00Z' }"));

    /** Byte sequences that are not UTF-8: GBK, Latin-1, a lone continuation byte, overlong and surrogate forms. */
    private static final List<byte[]> NOT_UTF8 = List.of(
            "张三".getBytes(Charset.forName("GBK")), "李四".getBytes(Charset.forName("GBK")),
            "Müller".getBytes(StandardCharsets.ISO_8859_1), new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xC3});

    private static final String[] BAD_ESCAPES = {"\\u0000", "\\u001b[31m", "\\u0007", "\\u007f", "\\u0085", "\\ud800", "\\udc00x"};

    private static final String[] BAD_NUMBERS = {"1e400", "99999999999999999999", "1e-400", "-1e999999999", "1e9999999999",
            "0." + "0".repeat(30) + "1", "9".repeat(400)};

    private static final String[] HOSTILE_SEGMENTS = {"a;b", "x;y=1", "%00", "a%0Ab", "a%0D%0Ab", "%1B%5B2J", "%C0%AF", "%FF",
            "%ED%A0%80", "..", "%2E%2E", "a%2Fb", "%3B", "a%25zz", "%E5%BC%A0%E4%B8%89", "x".repeat(1000), "%09", "%7F", "%C2%85",
            "marketing-sms;x", "sub_x;y"};

    private static final String[] HOSTILE_QUERY = {"%00", "%0D%0A", "%2B999999999-12-31T23%3A59%3A59Z", "-1", "1e400",
            "99999999999999999999", "%FF", "dead%0A", "a;b", "x".repeat(1500), "2026-13-45T99%3A99%3A99Z", "%E2%80%AE"};

    private static final String[] CONTENT_TYPES = {"application/json; charset=GBK", "application/json;charset=ISO-8859-1",
            "application/json; charset=utf-16", "application/json; charset=nonsense", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"};

    @Inject
    WebTarget target;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void catalogue() {
        Catalogue.define(new Api(target, InMemoryWiring.ADMIN_KEY));
    }

    record Endpoint(String method, String template, boolean readsJson, List<String> queryParams) {
        @Override
        public String toString() {
            return method + " /" + template;
        }
    }

    @Test
    void no_endpoint_answers_malformed_input_with_a_5xx_and_a_refused_request_writes_nothing() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).extracting(Endpoint::toString)
                .contains("POST /api/v1/consents", "PUT /api/v1/purposes/{code}", "POST /hooks/{connectorId}/{path: .*}");
        Random random = new Random(SEED);
        int sent = 0;
        for (Endpoint endpoint : endpoints) {
            for (int n = 0; n < CASES_PER_ENDPOINT; n++) {
                Case c = aCase(endpoint, random);
                String where = "seed " + SEED + ", " + endpoint + " case " + n + ": " + c;
                Footprint before = Footprint.now();
                HttpResponse<String> response = send(c);
                sent++;
                int status = response.statusCode();
                String body = response.body();
                assertThat(status).as(where + " answered " + body).isLessThan(500);
                assertThat(body).as(where).doesNotContain("Exception", "\tat ", "at org.", "at java.");
                if (c.mustBeRefused()) {
                    assertThat(status).as(where + " answered " + body).isBetween(400, 499);
                }
                if (status >= 400) {
                    assertThat(Footprint.now()).as(where + " wrote something").isEqualTo(before);
                    if (c.path().startsWith("/api/")) {
                        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                                .as(where + " answered " + status + " " + body).startsWith("application/problem+json");
                    }
                }
            }
        }
        assertThat(sent).isEqualTo(endpoints.size() * CASES_PER_ENDPOINT);
    }

    /** One request: where, how, with what; {@code mustBeRefused} when its body breaks the input rules. */
    record Case(String method, String path, String query, String contentType, byte[] body, boolean mustBeRefused, String what) {
        @Override
        public String toString() {
            return method + " " + abbreviate(path + (query == null ? "" : "?" + query)) + " [" + contentType + "] " + what
                    + (body == null ? "" : " body " + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }

        private static String abbreviate(String text) {
            return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + ")" : text;
        }
    }

    private HttpResponse<String> send(Case c) throws IOException, InterruptedException, URISyntaxException {
        URI base = target.getUri();
        String uri = "http://" + base.getHost() + ":" + base.getPort() + c.path() + (c.query() == null ? "" : "?" + c.query());
        HttpRequest.Builder request = HttpRequest.newBuilder(new URI(uri)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY)
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Case aCase(Endpoint endpoint, Random random) {
        boolean hostilePath = !endpoint.readsJson() || random.nextInt(4) == 0;
        String path = path(endpoint.template(), random, hostilePath);
        String query = null;
        if (!endpoint.queryParams().isEmpty() || random.nextInt(8) == 0) {
            List<String> names = endpoint.queryParams().isEmpty() ? List.of("x") : endpoint.queryParams();
            query = names.get(random.nextInt(names.size())) + "=" + HOSTILE_QUERY[random.nextInt(HOSTILE_QUERY.length)];
        }
        boolean hasBody = endpoint.method().equals("POST") || endpoint.method().equals("PUT");
        if (!hasBody) {
            return new Case(endpoint.method(), path, query, null, null, false, "hostile path/query");
        }
        String sample = SAMPLES.get(random.nextInt(SAMPLES.size()));
        Broken broken = breakJson(sample, random);
        return new Case(endpoint.method(), path, query, broken.contentType(), broken.body(), endpoint.readsJson(), broken.how());
    }

    record Broken(String how, byte[] body, String contentType) {
        static Broken json(String how, String text) {
            return new Broken(how, text.getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    /** {@code sample} broken in one of the ways the strict input rules refuse. */
    private static Broken breakJson(String sample, Random random) {
        List<int[]> strings = stringValues(sample);
        if (strings.isEmpty()) {
            sample = "{\"note\": \"text\", " + sample.substring(1);
            strings = stringValues(sample);
        }
        int[] string = strings.get(random.nextInt(strings.size()));
        return switch (random.nextInt(12)) {
            case 0 -> {
                byte[] bad = NOT_UTF8.get(random.nextInt(NOT_UTF8.size()));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(sample.substring(0, string[0]).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(bad);
                out.writeBytes(sample.substring(string[0]).getBytes(StandardCharsets.UTF_8));
                yield new Broken("invalid UTF-8 in a string", out.toByteArray(), "application/json");
            }
            case 1 -> Broken.json("a control character in a string",
                    sample.substring(0, string[0]) + BAD_ESCAPES[random.nextInt(BAD_ESCAPES.length)] + sample.substring(string[0]));
            case 2 -> Broken.json("a control character in a field name",
                    "{\"na" + BAD_ESCAPES[random.nextInt(BAD_ESCAPES.length)] + "me\\n\": \"x\", " + sample.substring(1));
            case 3 -> Broken.json("data after the object", sample + List.of(" {}", "x", "]", " 1", "}", " \"a\"", ",{}").get(random.nextInt(7)));
            case 4 -> {
                int depth = 65 + random.nextInt(random.nextBoolean() ? 100 : 200_000);
                yield Broken.json("nesting " + depth + " deep", "{\"subject\": " + "[".repeat(depth) + "]".repeat(depth) + ", " + sample.substring(1));
            }
            case 5 -> Broken.json("an out-of-range number",
                    "{\"retentionDays\": " + BAD_NUMBERS[random.nextInt(BAD_NUMBERS.length)] + ", " + sample.substring(1));
            case 6 -> {
                int colon = sample.indexOf(':');
                String firstKey = sample.substring(sample.indexOf('"'), colon);
                yield Broken.json("a duplicate key", "{" + firstKey + ": null, " + sample.substring(1));
            }
            case 7 -> Broken.json("truncated", sample.substring(0, random.nextInt(sample.lastIndexOf('}'))));
            case 8 -> {
                byte[] noise = new byte[random.nextInt(2000) + 1];
                random.nextBytes(noise);
                noise[0] = (byte) "x[\"1-n\u00ff".charAt(random.nextInt(7));
                yield new Broken("random bytes", noise, "application/json");
            }
            case 9 -> Broken.json("not an object", List.of("[" + sample + "]", "\"text\"", "1", "null", "true", "").get(random.nextInt(6)));
            case 10 -> {
                String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                yield new Broken("declared as " + type, sample.getBytes(StandardCharsets.UTF_8), type);
            }
            default -> Broken.json("an unknown field", "{\"zz_fuzz_" + random.nextInt(1000) + "\": 1, " + sample.substring(1));
        };
    }

    /** Where each string value of {@code sample} begins (just after its opening quote). */
    private static List<int[]> stringValues(String sample) {
        List<int[]> starts = new ArrayList<>();
        Matcher m = Pattern.compile(":\\s*\"").matcher(sample);
        while (m.find()) {
            starts.add(new int[] {m.end()});
        }
        return starts;
    }

    /** The template with each {@code {param}} filled: a plausible value, or a hostile one when {@code hostile}. */
    private static String path(String template, Random random, boolean hostile) {
        Matcher m = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(template);
        StringBuilder out = new StringBuilder("/");
        while (m.find()) {
            String value = hostile && random.nextBoolean()
                    ? HOSTILE_SEGMENTS[random.nextInt(HOSTILE_SEGMENTS.length)]
                    : plausible(m.group(1), random);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String plausible(String param, Random random) {
        return switch (param) {
            case "code" -> random.nextBoolean() ? "marketing-sms" : "privacy-policy";
            case "version" -> "2026-01";
            case "subjectId" -> "sub_" + Integer.toHexString(random.nextInt());
            case "connectorId", "id" -> random.nextBoolean() ? FakeConnectorRuntime.CONNECTOR : "no-such-" + random.nextInt(100);
            case "path" -> "events";
            default -> URLEncoder.encode(param + random.nextInt(100), StandardCharsets.UTF_8);
        };
    }

    /** Every resource method of the REST adapter, found from the compiled classes. */
    static List<Endpoint> endpoints() throws Exception {
        java.nio.file.Path root = Paths.get(ConsentsResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.nio.file.Path pkg = root.resolve(ConsentsResource.class.getPackageName().replace('.', '/'));
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(pkg)) {
            for (java.nio.file.Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(ConsentsResource.class.getPackageName() + "." + name.replace(".class", ""));
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                Consumes classConsumes = type.getAnnotation(Consumes.class);
                for (Method method : Arrays.stream(type.getMethods()).sorted(Comparator.comparing(Method::getName)).toList()) {
                    String http = httpMethod(method);
                    if (http == null) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    String template = strip(base.value()) + (sub == null ? "" : "/" + strip(sub.value()));
                    Consumes consumes = method.getAnnotation(Consumes.class) != null ? method.getAnnotation(Consumes.class) : classConsumes;
                    boolean readsJson = consumes != null && Arrays.asList(consumes.value()).contains(MediaType.APPLICATION_JSON);
                    List<String> query = new ArrayList<>();
                    for (Parameter p : method.getParameters()) {
                        if (p.getAnnotation(QueryParam.class) != null) {
                            query.add(p.getAnnotation(QueryParam.class).value());
                        }
                    }
                    endpoints.add(new Endpoint(http, template, readsJson, query));
                }
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String strip(String path) {
        String s = path.startsWith("/") ? path.substring(1) : path;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
