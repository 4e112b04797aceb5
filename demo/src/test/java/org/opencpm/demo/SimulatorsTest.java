package org.opencpm.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulators over real HTTP: what each platform accepts, and what it refuses (recorded, changing nothing). */
class SimulatorsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HASH = "b1c4769e3ad14f68ea1a96b73bbe5a83d90792f044828c5daf9d908b0738b177";
    /** The simulators' time: requests are signed and dated with it, so no test depends on the machine's clock. */
    private static final Instant NOW = Instant.parse("2026-03-02T01:30:00Z");

    private DemoSecrets secrets;
    private Simulators simulators;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        secrets = DemoSecrets.in(dir.resolve("demo.properties"));
        simulators = new Simulators(secrets, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        simulators.close();
    }

    @Test
    @DisplayName("WeChat: a token only for the right secret; tag calls only with an issued token and a well-formed body")
    void wechat() throws Exception {
        URI base = simulators.wechatUri();
        assertThat(get(base, "/cgi-bin/token?grant_type=client_credential&appid=" + secrets.wechatAppId() + "&secret=wrong").getInt("errcode"))
                .isEqualTo(40125);
        String token = get(base, "/cgi-bin/token?grant_type=client_credential&appid=" + secrets.wechatAppId() + "&secret="
                + secrets.wechatAppSecret()).getString("access_token");
        assertThat(post(base, "/cgi-bin/tags/create?access_token=forged", "{\"tag\":{\"name\":\"t\"}}", Map.of()).getInt("errcode")).isEqualTo(40001);
        int tag = post(base, "/cgi-bin/tags/create?access_token=" + token, "{\"tag\":{\"name\":\"opencpm-x\"}}", Map.of())
                .getJsonObject("tag").getInt("id");
        assertThat(post(base, "/cgi-bin/tags/create?access_token=" + token, "{\"tag\":{\"name\":\"opencpm-x\"}}", Map.of()).getInt("errcode"))
                .isEqualTo(45157);
        String members = "{\"openid_list\":[\"o1\",\"o2\"],\"tagid\":" + tag + "}";
        assertThat(post(base, "/cgi-bin/tags/members/batchtagging?access_token=forged", members, Map.of()).getInt("errcode")).isEqualTo(40001);
        assertThat(simulators.wechat.tags().get("opencpm-x")).isEmpty();
        assertThat(post(base, "/cgi-bin/tags/members/batchtagging?access_token=" + token, members, Map.of()).getInt("errcode")).isZero();
        assertThat(post(base, "/cgi-bin/tags/members/batchuntagging?access_token=" + token, "{\"openid_list\":[\"o1\"],\"tagid\":" + tag + "}",
                Map.of()).getInt("errcode")).isZero();
        assertThat(simulators.wechat.tags().get("opencpm-x")).containsExactly("o2");
        assertThat(post(base, "/cgi-bin/tags/members/batchtagging?access_token=" + token, "{\"openid_list\":[],\"tagid\":" + tag + "}", Map.of())
                .getInt("errcode")).isEqualTo(40032);
        assertThat(post(base, "/cgi-bin/tags/members/batchtagging?access_token=" + token, "{\"openid_list\":[\"o3\"],\"tagid\":999}", Map.of())
                .getInt("errcode")).isEqualTo(45159);
        assertThat(post(base, "/cgi-bin/tags/members/batchtagging?access_token=" + token, "[1]", Map.of()).getInt("errcode")).isEqualTo(47001);
        assertThat(post(base, "/cgi-bin/tags/members/batchtagging?access_token=" + token,
                "{\"openid_list\":[\"o3\"],\"tagid\":" + tag + ",\"extra\":1}", Map.of()).getInt("errcode")).isEqualTo(47001);
        assertThat(simulators.wechat.tags().get("opencpm-x")).containsExactly("o2");
        assertThat(simulators.log.after(0)).filteredOn(c -> !c.accepted()).extracting(CallLog.Call::code)
                .containsExactly("40125", "40001", "45157", "40001", "40032", "45159", "47001", "47001");
        // The wrong secret and the forged tokens are refused before the caller proved who it is: logged apart.
        assertThat(simulators.log.after(0)).filteredOn(c -> !c.authenticated()).extracting(CallLog.Call::code)
                .containsExactly("40125", "40001", "40001");
    }

    @Test
    @DisplayName("Ocean Engine: uploads only with the current Access-Token, the advertiser and the file's MD5; updates of uploaded files only")
    void ocean_engine() throws Exception {
        URI base = simulators.douyinUri();
        byte[] zip = dmpZip(HASH);
        String md5 = OceanEngineSimulator.md5Hex(zip);
        assertThat(upload(base, "forged", secrets.douyinAdvertiserId(), md5, zip).getInt("code")).isEqualTo(40102);
        assertThat(upload(base, secrets.douyinAccessToken(), "1", md5, zip).getInt("code")).isEqualTo(40002);
        assertThat(upload(base, secrets.douyinAccessToken(), secrets.douyinAdvertiserId(), "0".repeat(32), zip).getInt("code")).isEqualTo(40002);
        assertThat(upload(base, secrets.douyinAccessToken(), secrets.douyinAdvertiserId(), OceanEngineSimulator.md5Hex(new byte[] {1}),
                new byte[] {1}).getInt("code")).isEqualTo(40002);
        JsonObject uploaded = upload(base, secrets.douyinAccessToken(), secrets.douyinAdvertiserId(), md5, zip);
        assertThat(uploaded.getInt("code")).isZero();
        String path = uploaded.getJsonObject("data").getString("file_path");

        assertThat(update(base, secrets.douyinAccessToken(), 1, "dmp/never-uploaded.zip").getInt("code")).isEqualTo(40002);
        assertThat(update(base, "forged", 1, path).getInt("code")).isEqualTo(40102);
        assertThat(simulators.douyin.audience()).isEmpty();
        assertThat(update(base, secrets.douyinAccessToken(), 1, path).getInt("code")).isZero();
        assertThat(simulators.douyin.audience()).containsExactly(HASH);
        assertThat(update(base, secrets.douyinAccessToken(), 2, path).getInt("code")).isZero();
        assertThat(simulators.douyin.audience()).isEmpty();

        // A refresh with the configured pair rotates it: the old access token is refused from then on.
        JsonObject refreshed = post(base, OceanEngineSimulator.REFRESH, "{\"app_id\":" + secrets.douyinAppId() + ",\"secret\":\""
                + secrets.douyinAppSecret() + "\",\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + secrets.douyinRefreshToken() + "\"}", Map.of());
        assertThat(refreshed.getInt("code")).isZero();
        assertThat(update(base, secrets.douyinAccessToken(), 1, path).getInt("code")).isEqualTo(40102);
        assertThat(update(base, refreshed.getJsonObject("data").getString("access_token"), 1, path).getInt("code")).isZero();
        assertThat(simulators.log.after(0)).filteredOn(c -> !c.authenticated()).extracting(CallLog.Call::code)
                .containsExactly("40102", "40102", "40102");
    }

    @Test
    @DisplayName("Ocean Engine: a zip that inflates past the budget, or holds too many files, is refused (40002) unread to its end")
    void ocean_engine_refuses_zip_bombs() throws Exception {
        URI base = simulators.douyinUri();
        String line = dmpLine(HASH);
        // Valid lines all the way: without the budget, this 70 KiB zip would be inflated and accepted.
        int lines = (int) (DmpFiles.MAX_UNZIPPED / line.length()) + 1;
        byte[] bomb = zip(List.of(line.repeat(lines)));
        assertThat(bomb.length).isLessThan(Exchanges.MAX_BODY / 16);
        JsonObject inflated = upload(base, secrets.douyinAccessToken(), secrets.douyinAdvertiserId(), OceanEngineSimulator.md5Hex(bomb), bomb);
        assertThat(inflated.getInt("code")).isEqualTo(40002);
        assertThat(inflated.getString("message")).contains("exceeds the limit");

        byte[] manyFiles = zip(java.util.Collections.nCopies(DmpFiles.MAX_ENTRIES + 1, line));
        JsonObject many = upload(base, secrets.douyinAccessToken(), secrets.douyinAdvertiserId(), OceanEngineSimulator.md5Hex(manyFiles), manyFiles);
        assertThat(many.getInt("code")).isEqualTo(40002);
        assertThat(many.getString("message")).contains("files in the zip");

        byte[] justUnder = zip(java.util.Collections.nCopies(DmpFiles.MAX_ENTRIES, line));
        assertThat(upload(base, secrets.douyinAccessToken(), secrets.douyinAdvertiserId(), OceanEngineSimulator.md5Hex(justUnder), justUnder)
                .getInt("code")).isZero();
        assertThat(simulators.log.after(0)).extracting(CallLog.Call::kind, CallLog.Call::accepted, CallLog.Call::code)
                .containsExactly(tuple("dmp.upload", false, "40002"), tuple("dmp.upload", false, "40002"), tuple("dmp.upload", true, null));
    }

    @Test
    @DisplayName("Alibaba Cloud SMS: SendSms only signed with the AccessKey, fresh, with a new nonce, the approved signature and template")
    void aliyun_sms() throws Exception {
        URI base = simulators.smsUri();
        Map<String, String> query = new TreeMap<>(Map.of("PhoneNumbers", "13800000001", "SignName", DemoSecrets.SMS_SIGN_NAME,
                "TemplateCode", DemoSecrets.SMS_TEMPLATE));
        String nonce = UUID.randomUUID().toString();
        HttpResponse<String> ok = sendSms(base, query, secrets.aliyunAccessKeySecret(), NOW, nonce);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok.body()).getString("Code")).isEqualTo("OK");
        assertThat(code(sendSms(base, query, secrets.aliyunAccessKeySecret(), NOW, nonce))).isEqualTo("SignatureNonceUsed");
        assertThat(code(sendSms(base, query, "another-secret", NOW, UUID.randomUUID().toString()))).isEqualTo("SignatureDoesNotMatch");
        assertThat(code(sendSms(base, query, secrets.aliyunAccessKeySecret(), NOW.minusSeconds(3600), UUID.randomUUID().toString())))
                .isEqualTo("InvalidTimeStamp.Expired");
        Map<String, String> otherTemplate = new TreeMap<>(query);
        otherTemplate.put("TemplateCode", "SMS_1");
        assertThat(code(sendSms(base, otherTemplate, secrets.aliyunAccessKeySecret(), NOW, UUID.randomUUID().toString())))
                .isEqualTo("isv.SMS_TEMPLATE_ILLEGAL");
        Map<String, String> noPhone = new TreeMap<>(query);
        noPhone.remove("PhoneNumbers");
        assertThat(code(sendSms(base, noPhone, secrets.aliyunAccessKeySecret(), NOW, UUID.randomUUID().toString())))
                .isEqualTo("MissingPhoneNumbers");
        assertThat(simulators.log.after(0)).filteredOn(CallLog.Call::accepted).singleElement()
                .satisfies(call -> assertThat(call.users()).containsExactly("138****0001"));
        assertThat(simulators.log.after(0)).filteredOn(c -> !c.authenticated()).extracting(CallLog.Call::code)
                .containsExactly("SignatureNonceUsed", "SignatureDoesNotMatch", "InvalidTimeStamp.Expired");
    }

    @Test
    @DisplayName("The page: its files under a strict policy; its actions only with X-Demo-Action; malformed queries a 400 problem")
    void page() throws Exception {
        int[] campaigns = {0};
        URI page = simulators.serve(new SimulatorPage(simulators.log, simulators.wechat, simulators.douyin, () -> ++campaigns[0],
                key -> true, Map.of("console", "http://127.0.0.1:1/admin/")), 0);
        HttpResponse<String> html = HTTP.send(HttpRequest.newBuilder(page.resolve("/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        assertThat(html.body()).doesNotContain("<script>").doesNotContain("style=");
        assertThat(send(page, "GET", "/api/calls?after=x", Map.of())).extracting(HttpResponse::statusCode).isEqualTo(400);
        assertThat(send(page, "GET", "/api/calls?after=0", Map.of()).body()).contains("\"people\"", "oDemo_LiLei");
        assertThat(send(page, "POST", "/api/campaign", Map.of()).statusCode()).isEqualTo(403);
        assertThat(send(page, "POST", "/api/campaign", Map.of("X-Demo-Action", "reply")).statusCode()).isEqualTo(403);
        assertThat(campaigns[0]).isZero();
        assertThat(send(page, "POST", "/api/campaign", Map.of("X-Demo-Action", "campaign")).statusCode()).isEqualTo(200);
        assertThat(campaigns[0]).isOne();
        assertThat(send(page, "POST", "/api/reply", Map.of("X-Demo-Action", "reply")).statusCode()).isEqualTo(400);
        assertThat(send(page, "POST", "/api/reply?person=%25zz", Map.of("X-Demo-Action", "reply")).statusCode()).isEqualTo(400);
        assertThat(send(page, "GET", "/..%2F..%2Fetc%2Fpasswd", Map.of()).statusCode()).isEqualTo(404);
        assertThat(send(page, "DELETE", "/api/calls", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("The page answers only its loopback names (a DNS-rebound name gets 421 and starts nothing)")
    void page_refuses_other_hosts() throws Exception {
        int[] campaigns = {0};
        URI page = simulators.serve(new SimulatorPage(simulators.log, simulators.wechat, simulators.douyin, () -> ++campaigns[0],
                key -> true, Map.of("preferenceCentre", "http://127.0.0.1:1/preference-center/#token")), 0);
        int port = page.getPort();
        assertThat(raw(port, "GET /api/calls?after=0 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")).startsWith("HTTP/1.1 200").contains("token");
        assertThat(raw(port, "GET /api/calls?after=0 HTTP/1.1\r\nHost: LOCALHOST:" + port + "\r\n")).startsWith("HTTP/1.1 200");
        for (String host : List.of("rebind.attacker.example:" + port, "127.0.0.1", "127.0.0.1:" + (port == 65535 ? 1 : port + 1),
                "localhost.attacker.example:" + port)) {
            assertThat(raw(port, "GET /api/calls?after=0 HTTP/1.1\r\nHost: " + host + "\r\n")).as(host).startsWith("HTTP/1.1 421")
                    .contains("application/problem+json").doesNotContain("token");
        }
        assertThat(raw(port, "GET /api/calls?after=0 HTTP/1.0\r\n")).as("no Host").startsWith("HTTP/1.1 421");
        // Refused before its body is read: a request announcing 4 MiB and sending none is answered at once.
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/campaign HTTP/1.1\r\nHost: rebind.attacker.example:" + port + "\r\nX-Demo-Action: campaign\r\n"
                    + "Content-Length: " + Exchanges.MAX_BODY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] status = socket.getInputStream().readNBytes("HTTP/1.1 421".length());
            assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 421");
        }
        assertThat(raw(port, "POST /api/campaign HTTP/1.1\r\nHost: rebind.attacker.example:" + port + "\r\nX-Demo-Action: campaign\r\n"
                + "Content-Length: 0\r\n")).startsWith("HTTP/1.1 421");
        assertThat(campaigns[0]).isZero();
    }

    /** A request as written (HttpClient will not send another Host than the URI's); the answer's head and body. */
    private static String raw(int port, String head) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> send(URI base, String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 400) {
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        return answer;
    }

    private static String code(HttpResponse<String> answer) {
        return json(answer.body()).getString("Code");
    }

    private HttpResponse<String> sendSms(URI base, Map<String, String> query, String secret, Instant at, String nonce) throws Exception {
        String rawQuery = query.entrySet().stream().map(e -> rfc3986(e.getKey()) + "=" + rfc3986(e.getValue())).collect(Collectors.joining("&"));
        String empty = Acs3Verifier.sha256Hex(new byte[0]);
        Map<String, String> headers = new TreeMap<>(Map.of("host", base.getHost() + ":" + base.getPort(), "x-acs-action", "SendSms",
                "x-acs-version", "2017-05-25", "x-acs-date", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(at),
                "x-acs-signature-nonce", nonce, "x-acs-content-sha256", empty));
        List<String> signed = List.copyOf(headers.keySet());
        String signature = Acs3Verifier.signature(secret, "POST", "/", rawQuery, headers::get, signed, empty);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/?" + rawQuery)).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "ACS3-HMAC-SHA256 Credential=" + secrets.aliyunAccessKeyId() + ",SignedHeaders="
                        + String.join(";", signed) + ",Signature=" + signature);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rfc3986(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private JsonObject update(URI base, String token, int operation, String path) throws Exception {
        return post(base, OceanEngineSimulator.UPDATE, "{\"advertiser_id\":" + secrets.douyinAdvertiserId() + ",\"data_source_id\":\""
                + secrets.douyinDataSourceId() + "\",\"operation_type\":" + operation + ",\"data_format\":0,\"file_storage_type\":0,\"file_paths\":[\""
                + path + "\"]}", Map.of("Access-Token", token));
    }

    private static JsonObject upload(URI base, String token, String advertiser, String md5, byte[] file) throws Exception {
        String boundary = "b-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : Map.of("advertiser_id", advertiser, "file_signature", md5).entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue()
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.zip\"\r\nContent-Type: application/zip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return json(HTTP.send(HttpRequest.newBuilder(base.resolve(OceanEngineSimulator.UPLOAD)).header("Access-Token", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A DMP zip of one line: a DmpData with one IdItem (dataType 6, id), written here byte by byte. */
    private static byte[] dmpZip(String hash) throws IOException {
        return zip(List.of(dmpLine(hash)));
    }

    /** One line of a DMP file: a DmpData with one IdItem (dataType 6, id) in base64, and its newline. */
    private static String dmpLine(String hash) throws IOException {
        byte[] id = hash.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream item = new ByteArrayOutputStream();
        item.write(2 << 3);
        item.write(6);
        item.write(3 << 3 | 2);
        item.write(id.length);
        item.write(id);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(1 << 3 | 2);
        data.write(item.size());
        data.write(item.toByteArray());
        return Base64.getEncoder().encodeToString(data.toByteArray()) + "\n";
    }

    /** A zip of one file for each text. */
    private static byte[] zip(List<String> files) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (int i = 0; i < files.size(); i++) {
                out.putNextEntry(new ZipEntry("dmp-" + i + ".txt"));
                out.write(files.get(i).getBytes(StandardCharsets.US_ASCII));
                out.closeEntry();
            }
        }
        return zip.toByteArray();
    }

    private static JsonObject get(URI base, String path) throws Exception {
        return json(HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonObject post(URI base, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return json(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
