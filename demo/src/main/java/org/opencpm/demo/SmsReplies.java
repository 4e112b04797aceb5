package org.opencpm.demo;

import jakarta.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sample person answering a marketing SMS with 退订 (unsubscribe), as Alibaba Cloud pushes such a
 * reply: its SmsUp message (上行短信) POSTed to {@code /hooks/sms-aliyun/smsup?token=<inboundToken>},
 * a JSON array of {@code {phone_number, content, send_time (Beijing time), dest_code, sequence_id,
 * sign_name}}, answered {@code {"code":0}}. OpenCPM records the withdrawal of marketing SMS (MIIT
 * Order 31: an unsubscribe reply must work), so the next campaign holds that person's SMS back.
 */
final class SmsReplies {

    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    private final OpenCpmApi api;
    private final String inboundToken;
    private final CallLog log;
    private final Clock clock;
    private final AtomicLong sequence;

    SmsReplies(OpenCpmApi api, String inboundToken, CallLog log, Clock clock) {
        this.api = api;
        this.inboundToken = inboundToken;
        this.log = log;
        this.clock = clock;
        this.sequence = new AtomicLong(clock.millis());
    }

    /** Pushes "{@code 退订}" from the person with key {@code personKey}; false when there is no such person or OpenCPM did not take it. */
    boolean unsubscribe(String personKey) {
        SamplePeople.Person person = SamplePeople.ALL.stream().filter(p -> p.key().equals(personKey)).findFirst().orElse(null);
        if (person == null) {
            return false;
        }
        String push = Json.createArrayBuilder().add(Json.createObjectBuilder().add("phone_number", person.phone()).add("content", "退订")
                .add("send_time", BEIJING.format(clock.instant())).add("dest_code", "1069").add("sequence_id", sequence.incrementAndGet())
                .add("sign_name", DemoSecrets.SMS_SIGN_NAME)).build().toString();
        OpenCpmApi.Answer answer = api.postAsPlatform("/hooks/sms-aliyun/smsup?token=" + URLEncoder.encode(inboundToken, StandardCharsets.UTF_8), push);
        boolean taken = answer.status() == 200 && answer.json().getInt("code", -1) == 0;
        if (taken) {
            log.accepted(AliyunSmsSimulator.PLATFORM, "smsup.push", List.of(person.maskedPhone()), Map.of("content", "退订"));
        } else {
            log.refused(AliyunSmsSimulator.PLATFORM, "smsup.push", List.of(person.maskedPhone()), Map.of("content", "退订"),
                    "HTTP " + answer.status());
        }
        return taken;
    }
}
