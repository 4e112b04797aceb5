package org.opencpm.plugins.wechat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.connectors.api.CollectionChannel;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.ConsentMethod;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.Hmac;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.InboundAnswer;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * WeChat's pushes to {@code /hooks/wechat/events} (the account's "server URL", plaintext or
 * compatible message mode, XML):
 *
 * With {@code encodingAESKey}, pushes in safe or compatible mode ({@code encrypt_type=aes}) are
 * read from their {@code <Encrypt>} ({@link SafeMode}), checked against {@code msg_signature} too,
 * and a POST without {@code encrypt_type=aes} is refused (401): WeChat encrypts every push in both
 * modes, and the query signature alone covers no body, so an unencrypted one can only be forged.
 *
 * <ul>
 *   <li>{@code GET ?signature&timestamp&nonce&echostr}: the handshake WeChat makes when the URL is
 *       saved; a valid signature is answered with {@code echostr}, as text.</li>
 *   <li>{@code POST ?signature&timestamp&nonce} with an XML message. {@code unsubscribe} (the
 *       person unfollowed the account) withdraws every purpose the connector keeps
 *       ({@code purposes}); a {@code subscribe_msg_popup_event} or {@code subscribe_msg_change_event}
 *       grants ({@code accept}) or withdraws ({@code reject}) the purpose each template is mapped
 *       to ({@code template.<templateId>=<purpose>}), one event per template. Everything else is
 *       answered {@code success} and recorded nowhere.</li>
 * </ul>
 *
 * A request without a valid signature, or whose {@code timestamp} is outside the window
 * ({@code signatureWindowSeconds}), gets 401 and records nothing, whatever it carries. Each
 * event's id is derived from what WeChat documents as a push's identity (the openid and
 * CreateTime) and from what tells the push's events apart (the event, and for a subscribe
 * message the template and its status): WeChat retries a push it got no answer to within five
 * seconds, and a retry or a replayed capture records nothing, while an acceptance and a rejection
 * of one template in the same second stay two events. The id is a SHA-256 of those parts, so that
 * no openid shows where the host writes event ids. WeChat is answered {@code success} only once
 * every event is recorded (now or before).
 */
final class EventPush implements InboundHandler {

    /** WeChat's pushes are a few hundred bytes; anything far larger is no push of WeChat's. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final InboundAnswer ANSWER = outcomes -> outcomes.stream().allMatch(EventOutcome::taken)
            ? InboundResponse.text(200, "success")
            : InboundResponse.text(EventOutcome.status(outcomes), outcomes.stream().anyMatch(o -> o.kind() == EventOutcome.Kind.FAILED)
                    ? "failed: send again" : "refused");

    private final String token;
    private final String appId;
    private final List<String> purposes;
    private final Map<String, String> templates;
    private final Optional<Notice> notice;
    private final Optional<SafeMode> safeMode;
    private final Clock clock;
    private final Duration window;

    /** The notice a subscribe-message acceptance is given under ({@code subscribeNotice=<code>:<version>}). */
    record Notice(String code, String version) {
    }

    /**
     * @param window how far a push's {@code timestamp} may be from now; zero: any. The plaintext
     *               signature covers the query only, never the body, so a signed query seen once
     *               (an access log) can carry any body: the window bounds how long it can.
     */
    EventPush(String token, String appId, List<String> purposes, Map<String, String> templates, Optional<Notice> notice,
              Optional<SafeMode> safeMode, Clock clock, Duration window) {
        if (purposes.isEmpty()) {
            throw new IllegalArgumentException("an unsubscribe withdraws the connector's purposes: they cannot be none");
        }
        if (!templates.isEmpty() && notice.isEmpty()) {
            throw new IllegalArgumentException("subscribe-message templates need the notice their acceptance is given under");
        }
        this.token = token;
        this.appId = appId;
        this.purposes = List.copyOf(purposes);
        this.templates = Map.copyOf(templates);
        this.notice = notice;
        this.safeMode = safeMode;
        this.clock = clock;
        this.window = window;
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        if (!request.path().equals("events")) {
            return InboundResponse.text(404, "GET or POST /hooks/wechat/events");
        }
        boolean get = "GET".equalsIgnoreCase(request.method());
        if (!get && !"POST".equalsIgnoreCase(request.method())) {
            return InboundResponse.text(405, "GET or POST");
        }
        if (!PushSignature.valid(token, request)) {
            return InboundResponse.unauthorized("{\"error\":\"the signature does not match\"}");
        }
        if (!fresh(request.queryParam("timestamp").orElse(""))) {
            return InboundResponse.unauthorized("{\"error\":\"timestamp is outside the " + window.toSeconds() + "-second window\"}");
        }
        if (get) {
            return request.queryParam("echostr").map(echo -> InboundResponse.text(200, echo))
                    .orElseGet(() -> InboundResponse.text(400, "echostr is missing"));
        }
        byte[] body = request.body();
        if (body.length > MAX_BODY_BYTES) {
            return InboundResponse.text(413, "larger than any WeChat push");
        }
        PushMessage message;
        try {
            message = PushMessage.parse(plaintext(request, body));
        } catch (SafeMode.Refused e) {
            return e.unauthenticated() ? InboundResponse.unauthorized("{\"error\":\"" + e.getMessage() + "\"}")
                    : InboundResponse.text(400, "not a WeChat push: " + e.getMessage());
        } catch (PushMessage.Malformed e) {
            boolean encrypted = new String(body, StandardCharsets.UTF_8).contains("<Encrypt>");
            return InboundResponse.text(400, encrypted && safeMode.isEmpty() ? "a safe-mode (AES) push needs encodingAESKey"
                    : "not a WeChat push: " + e.getMessage());
        }
        List<ConsentCommand> commands = commands(message);
        return commands.isEmpty() ? InboundResponse.text(200, "success") : InboundResponse.record(commands, ANSWER);
    }

    private boolean fresh(String timestamp) {
        if (window.isZero()) {
            return true;
        }
        try {
            return Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp.strip())) <= window.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The push's XML as WeChat wrote it: with the key, decrypted from {@code <Encrypt>}, and
     * refused when WeChat did not encrypt it ({@code encrypt_type=aes}, sent in safe and
     * compatible mode alike): only {@code msg_signature} covers a body. Without the key, as it
     * came (plaintext mode, or compatible mode read from its plaintext copy).
     */
    private byte[] plaintext(InboundRequest request, byte[] body) throws SafeMode.Refused, PushMessage.Malformed {
        boolean encrypted = request.queryParam("encrypt_type").filter("aes"::equalsIgnoreCase).isPresent();
        if (safeMode.isEmpty()) {
            return body;
        }
        if (!encrypted) {
            throw new SafeMode.Refused("encodingAESKey is configured: a push must be encrypted (encrypt_type=aes, msg_signature)", true);
        }
        String encrypt = PushMessage.encrypted(body).orElseThrow(() -> new PushMessage.Malformed("encrypt_type=aes without <Encrypt>"));
        return safeMode.get().open(request, encrypt);
    }

    private List<ConsentCommand> commands(PushMessage message) {
        if (!"event".equals(message.msgType()) || message.event().isEmpty()) {
            return List.of();
        }
        String event = message.event().get();
        List<SubjectIdentifier> subject = List.of(SubjectIdentifier.scoped(IdentifierType.WECHAT_OPENID, message.fromUser(), appId));
        Instant occurredAt = Instant.ofEpochSecond(Long.parseLong(message.createTime()));
        return switch (event) {
            case "unsubscribe" -> List.of(ConsentCommand.withdraw(eventId(message.fromUser(), message.createTime(), event), subject, purposes,
                    CollectionChannel.WECHAT, ConsentMethod.BUTTON, "unsubscribe: unfollowed the official account", occurredAt));
            case "subscribe_msg_popup_event", "subscribe_msg_change_event" -> choices(message, event, subject, occurredAt);
            default -> List.of();
        };
    }

    private List<ConsentCommand> choices(PushMessage message, String event, List<SubjectIdentifier> subject, Instant occurredAt) {
        List<ConsentCommand> out = new ArrayList<>();
        for (PushMessage.Choice choice : message.choices()) {
            String purpose = templates.get(choice.templateId());
            if (purpose == null) {
                continue; // a template OpenCPM keeps no purpose for
            }
            String id = eventId(message.fromUser(), message.createTime(), event, choice.templateId(), choice.status());
            String evidence = "subscribe message template " + choice.templateId() + ": " + choice.status()
                    + choice.popupScene().map(scene -> " (popup scene " + scene + ")").orElse("");
            switch (choice.status()) {
                case "accept" -> out.add(ConsentCommand.grant(id, subject, List.of(purpose), notice.get().code(), notice.get().version(),
                        CollectionChannel.MINIPROGRAM, ConsentMethod.BUTTON, evidence, occurredAt));
                case "reject" -> out.add(ConsentCommand.withdraw(id, subject, List.of(purpose), CollectionChannel.MINIPROGRAM,
                        ConsentMethod.BUTTON, evidence, occurredAt));
                default -> {
                    // "ban" and statuses WeChat may add: no consent decision of the person's.
                }
            }
        }
        return out;
    }

    /**
     * The id of one event of a push, from the openid, CreateTime and what tells the push's events
     * apart: the same for WeChat's retries, another for any other event, and no openid in it. Each
     * part is prefixed by its length, so that no two lists of parts hash the same text.
     */
    static String eventId(String openid, String createTime, String... what) {
        StringBuilder text = new StringBuilder();
        for (String part : Stream.concat(Stream.of(openid, createTime), Stream.of(what)).toList()) {
            text.append(part.length()).append(':').append(part);
        }
        return "wx-" + Hmac.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
