package org.opencpm.plugins.smsaliyun;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * The SmsUp push ({@code POST /hooks/sms-aliyun/smsup?token=<inboundToken>}): the replies people
 * sent to the account's messages. Alibaba Cloud signs nothing here, so the push URL configured in its
 * console carries a secret token, compared in constant time; a push without it gets 401 and records
 * nothing.
 *
 * <p>Each reply that is an unsubscribe ({@link org.opencpm.connectors.api.UnsubscribeKeywords}: "TD",
 * "退订", "ＴＤ", "td。" — not "TD shoes") withdraws the configured marketing purposes for its number,
 * as event {@code sequence_id}: the host records each id once, so a push sent again (Alibaba Cloud
 * retries after 1, 5 and 10 minutes when it gets no 200) records nothing twice. Other replies record
 * nothing. A body that is no array of replies gets 400 and records nothing.
 *
 * <p>The answer is Alibaba Cloud's documented {@code {"code":0,"msg":"接收成功"}} with HTTP 200 once
 * every withdrawal is recorded (now or before); when recording failed the host's 503 makes Alibaba
 * Cloud push again.
 */
final class SmsUpInbox implements InboundHandler {

    static final String PATH = "smsup";
    static final String TOKEN = "token";
    static final String RECEIVED = "{\"code\":0,\"msg\":\"接收成功\"}";

    private static final InboundAnswer ANSWER = outcomes -> {
        int status = EventOutcome.status(outcomes);
        return status == 200 ? InboundResponse.json(200, RECEIVED)
                : InboundResponse.json(status, "{\"code\":" + status + ",\"msg\":\"" + (status == 503
                        ? "recording failed, push again" : "no reply could be recorded") + "\"}");
    };

    private final Settings settings;

    SmsUpInbox(Settings settings) {
        this.settings = settings;
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        if (!request.path().equals(PATH)) {
            return InboundResponse.json(404, "{\"code\":404,\"msg\":\"POST /hooks/sms-aliyun/smsup?token=…\"}");
        }
        if (!"POST".equalsIgnoreCase(request.method())) {
            return InboundResponse.json(405, "{\"code\":405,\"msg\":\"POST only\"}");
        }
        if (!Hmac.equalsConstantTime(settings.inboundToken(), request.queryParam(TOKEN).orElse(""))) {
            return InboundResponse.unauthorized("{\"code\":401,\"msg\":\"token missing or wrong\"}");
        }
        List<SmsUpReply> replies;
        try {
            replies = SmsUpReply.parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(request.body())).toString());
        } catch (CharacterCodingException notUtf8) {
            return InboundResponse.json(400, "{\"code\":400,\"msg\":\"the body is not UTF-8\"}");
        } catch (IllegalArgumentException malformed) {
            return InboundResponse.json(400, "{\"code\":400,\"msg\":" + jakarta.json.Json.createValue("not an SmsUp push: " + malformed.getMessage()).toString() + "}");
        }
        List<ConsentCommand> withdrawals = replies.stream().filter(reply -> settings.keywords().unsubscribes(reply.content()))
                .map(this::withdrawal).toList();
        // Nothing to record is no failure: answered as received, or Alibaba Cloud would push the other replies again.
        return withdrawals.isEmpty() ? InboundResponse.json(200, RECEIVED) : InboundResponse.record(withdrawals, ANSWER);
    }

    private ConsentCommand withdrawal(SmsUpReply reply) {
        return ConsentCommand.withdraw(reply.sequenceId(),
                List.of(SubjectIdentifier.of(IdentifierType.PHONE, Phones.fromSmsUp(reply.phone()))), settings.unsubscribePurposes(),
                CollectionChannel.SMS, ConsentMethod.SMS_REPLY, reply.content(), reply.sentAt().orElse(null));
    }
}
