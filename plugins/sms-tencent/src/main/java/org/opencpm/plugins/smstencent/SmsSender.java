package org.opencpm.plugins.smstencent;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.connectors.api.ContactChannel;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.OutgoingMessage;
import org.opencpm.connectors.api.SendReceipt;

/**
 * Sends one permitted message through Tencent Cloud SMS's {@code SendSms} (API version
 * 2021-01-11): {@code POST /} to the API root with the body
 * {@code {"PhoneNumberSet":["+86…"],"SmsSdkAppId","SignName","TemplateId","TemplateParamSet":[…],
 * "SessionContext":<permit id>}}, the headers {@code X-TC-Action: SendSms},
 * {@code X-TC-Version: 2021-01-11}, {@code X-TC-Timestamp} (the host's clock), {@code X-TC-Region},
 * and an {@code Authorization} signed TC3-HMAC-SHA256 over {@code content-type}, {@code host} and
 * {@code x-tc-action}.
 *
 * <p>The template's parameters are positional ({@code {1}}, {@code {2}}… in a Tencent template):
 * the caller names them {@code "1"}, {@code "2"}, … {@code "n"}, each once, and they go in that order.
 * A message Tencent could not take (no phone, no template, parameters not so named) is refused
 * before any request. The permit id goes as {@code SessionContext}, which Tencent echoes in its
 * answer and status reports: it ties a delivery report to the permit. Every wait is bounded by
 * {@code timeoutMillis}; a timeout or a broken connection is "unavailable" (Tencent may have sent
 * it). Never throws for the platform's answer ({@link SendSmsAnswer} reads it).
 */
final class SmsSender implements MessageSender {

    static final String SERVICE = "sms";
    static final String ACTION = "SendSms";
    static final String VERSION = "2021-01-11";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final SmsTencentSettings settings;
    private final Tc3Signer signer;
    private final Clock clock;
    private final HttpClient http;

    SmsSender(SmsTencentSettings settings, Clock clock) {
        this.settings = settings;
        this.signer = new Tc3Signer(settings.secretId(), settings.secretKey(), SERVICE);
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ContactChannel channel() {
        return ContactChannel.SMS;
    }

    @Override
    public SendReceipt send(OutgoingMessage message) {
        if (!message.recipient().type().equals(IdentifierType.PHONE.code())) {
            return SendReceipt.refused("recipient-not-a-phone", "the recipient is no phone number");
        }
        Optional<String> phone = Phones.e164(message.recipient().value());
        if (phone.isEmpty()) {
            return SendReceipt.refused("recipient-not-a-phone", "the recipient is no E.164 phone number (+8613800138000)");
        }
        Optional<String> template = message.template().or(settings::templateId);
        if (template.isEmpty()) {
            return SendReceipt.refused("template-missing", "no template: name one, or configure templateId");
        }
        Optional<List<String>> parameters = positional(message.parameters());
        if (parameters.isEmpty()) {
            return SendReceipt.refused("template-parameters-not-positional",
                    "template parameters must be named 1, 2, … n, each once: Tencent templates are positional ({1}, {2}…)");
        }
        byte[] body = body(phone.get(), template.get(), parameters.get(), message.permitId());
        try {
            HttpResponse<String> answer = http.send(request(body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return SendSmsAnswer.read(answer.statusCode(), answer.headers().firstValue("Retry-After"), answer.body(), phone.get());
        } catch (HttpTimeoutException e) {
            return SendReceipt.unavailable("Tencent Cloud did not answer within " + settings.timeout().toMillis()
                    + " ms: the message may have been sent", Optional.empty());
        } catch (IOException e) {
            return SendReceipt.unavailable("Tencent Cloud could not be reached (" + e.getClass().getSimpleName() + ")", Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendReceipt.unavailable("the send was interrupted: the message may have been sent", Optional.empty());
        }
    }

    private HttpRequest request(byte[] body) {
        URI endpoint = settings.endpoint();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", CONTENT_TYPE);
        signed.put("Host", host(endpoint));
        signed.put("X-TC-Action", ACTION);
        return HttpRequest.newBuilder(endpoint).timeout(settings.timeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("X-TC-Action", ACTION)
                .header("X-TC-Version", VERSION)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("X-TC-Region", settings.region())
                .header("Authorization", signer.authorization(timestamp, signed, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** The Host header the HTTP client sends (the port only when it is not the scheme's): what Tencent checks the signature with. */
    static String host(URI endpoint) {
        int port = endpoint.getPort();
        boolean standard = port == -1 || port == 443 && "https".equals(endpoint.getScheme()) || port == 80 && "http".equals(endpoint.getScheme());
        return standard ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    private byte[] body(String phone, String template, List<String> parameters, String permitId) {
        JsonArrayBuilder params = Json.createArrayBuilder();
        parameters.forEach(params::add);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("PhoneNumberSet", Json.createArrayBuilder().add(phone))
                .add("SmsSdkAppId", settings.sdkAppId())
                .add("SignName", settings.signName())
                .add("TemplateId", template)
                .add("TemplateParamSet", params)
                .add("SessionContext", permitId);
        return json.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The parameters {@code "1"} … {@code "n"} in that order, if they are exactly those. */
    static Optional<List<String>> positional(Map<String, String> parameters) {
        String[] ordered = new String[parameters.size()];
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            int position;
            try {
                position = Integer.parseInt(parameter.getKey());
            } catch (NumberFormatException notAPosition) {
                return Optional.empty();
            }
            if (position < 1 || position > ordered.length || !parameter.getKey().equals(Integer.toString(position))) {
                return Optional.empty();
            }
            ordered[position - 1] = parameter.getValue();
        }
        return Optional.of(List.of(ordered));
    }
}
