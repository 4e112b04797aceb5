package org.opencpm.plugins.smsaliyun;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.opencpm.connectors.api.ContactChannel;
import org.opencpm.connectors.api.Hmac;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.OutgoingMessage;
import org.opencpm.connectors.api.SendReceipt;

/**
 * Sends a permitted message through Dysmsapi's {@code SendSms} (API version 2017-05-25, RPC style):
 * {@code POST /?PhoneNumbers=…&SignName=…&TemplateCode=…&TemplateParam=…&OutId=…} with an empty body,
 * signed ACS3-HMAC-SHA256 ({@link Acs3Signer}) at the host's clock with a fresh nonce. {@code OutId} is
 * the permit id: Dysmsapi is not idempotent, but it hands {@code OutId} back in its delivery reports
 * (SmsReport {@code out_id}), so every report ties to its permit. One number per request: each message
 * has its own permit.
 *
 * <p>Never throws for what the platform says: each answer becomes a receipt ({@link SendAnswers}); no
 * connection, or no answer within the configured timeout, is {@code unavailable} — a timeout after the
 * request left may still have sent it, which the reason says.
 */
final class SendSmsSender implements MessageSender {

    static final String ACTION = "SendSms";
    static final String VERSION = "2017-05-25";
    private static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String EMPTY_BODY_SHA256 = Hmac.sha256Hex(new byte[0]);

    private final Settings settings;
    private final Acs3Signer signer;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final HttpClient http;

    SendSmsSender(Settings settings, Clock clock, Supplier<String> nonces, HttpClient http) {
        this.settings = settings;
        this.signer = new Acs3Signer(settings.accessKeyId(), settings.accessKeySecret());
        this.clock = clock;
        this.nonces = nonces;
        this.http = http;
    }

    @Override
    public ContactChannel channel() {
        return ContactChannel.SMS;
    }

    @Override
    public SendReceipt send(OutgoingMessage message) {
        Optional<String> phone = Phones.toDysmsapi(message.recipient());
        if (phone.isEmpty()) {
            return Phones.isPhone(message.recipient())
                    ? SendReceipt.refused("recipient-not-mainland-mobile", "SendSms is given mainland China mobiles (+861…) only:"
                            + " Dysmsapi would read another country's number as a mainland one (see the README)")
                    : SendReceipt.refused("recipient-not-a-phone", "the recipient is no phone number in E.164 (+8613800138000)");
        }
        Optional<String> template = message.template().or(settings::templateCode);
        if (template.isEmpty()) {
            return SendReceipt.refused("template-missing", "the message names no template and the connector has no '"
                    + SmsAliyunConnector.TEMPLATE_CODE + "'");
        }
        Map<String, String> query = new TreeMap<>();
        query.put("PhoneNumbers", phone.get());
        query.put("SignName", settings.signName());
        query.put("TemplateCode", template.get());
        if (!message.parameters().isEmpty()) {
            query.put("TemplateParam", templateParam(message.parameters()));
        }
        query.put("OutId", message.permitId());
        return call(query, phone.get());
    }

    private SendReceipt call(Map<String, String> query, String phone) {
        URI base = settings.baseUri();
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", hostHeader(base));
        headers.put("x-acs-action", ACTION);
        headers.put("x-acs-version", VERSION);
        headers.put("x-acs-date", ACS_DATE.format(clock.instant()));
        headers.put("x-acs-signature-nonce", nonces.get());
        headers.put("x-acs-content-sha256", EMPTY_BODY_SHA256);
        Acs3Signer.Signature signature = signer.sign("POST", path, query, headers, EMPTY_BODY_SHA256);

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + "?" + Acs3Signer.canonicalQuery(query)))
                .timeout(settings.timeout()).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", signature.authorization()).header("Accept", "application/json");
        headers.forEach((name, value) -> {
            if (!name.equals("host")) { // the client writes Host from the URI, as hostHeader() signs it
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return SendAnswers.read(answer.statusCode(), retryAfter(answer), answer.body(), phone);
        } catch (HttpTimeoutException e) {
            return SendReceipt.unavailable("Dysmsapi did not answer within " + settings.timeout().toMillis()
                    + " ms: the message may have been sent (its OutId is the permit id; see the delivery reports)", Optional.empty());
        } catch (IOException e) {
            return SendReceipt.unavailable("Dysmsapi could not be reached (" + e.getClass().getSimpleName() + ")", Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendReceipt.unavailable("interrupted while waiting for Dysmsapi", Optional.empty());
        }
    }

    /** The template's parameters as Dysmsapi takes them: a JSON object of strings. */
    private static String templateParam(Map<String, String> parameters) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        new TreeMap<>(parameters).forEach(json::add);
        return json.build().toString();
    }

    /** What the JDK's client sends as Host (the port only when it is not the scheme's default), which is what is signed. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> answer) {
        return answer.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        });
    }
}
