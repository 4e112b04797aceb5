package org.opencpm.demo;

import jakarta.json.Json;
import java.util.List;
import java.util.Map;

/**
 * A marketing SMS to every sample person, sent the way a brand sends one: through OpenCPM's send
 * gateway ({@code POST /api/v1/connectors/sms-aliyun/messages}), which asks for a send permit first
 * (consent, channel, frequency, quiet hours) and only then calls Alibaba Cloud. The SMS connector
 * pushes no consent change (Alibaba Cloud keeps none): a withdrawal shows at the SMS platform as the
 * message that no longer reaches it, so what OpenCPM held back is logged beside the calls the SMS
 * simulator received, as {@code campaign.held} with OpenCPM's reason.
 */
final class Campaign {

    private final OpenCpmApi api;
    private final CallLog log;

    Campaign(OpenCpmApi api, CallLog log) {
        this.api = api;
        this.log = log;
    }

    /** Sends it; answers how many OpenCPM let through. */
    synchronized int run() {
        int sent = 0;
        for (SamplePeople.Person person : SamplePeople.ALL) {
            OpenCpmApi.Answer answer = api.post("/api/v1/connectors/sms-aliyun/messages", Json.createObjectBuilder()
                    .add("subject", Json.createObjectBuilder().add("identifiers", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("type", "phone").add("value", person.phone()))))
                    .add("purpose", SamplePeople.MARKETING_SMS)
                    .add("parameters", Json.createObjectBuilder().add("name", person.nameZh()).add("offer", "双十二"))
                    .build());
            if (answer.status() == 200 && answer.json().getBoolean("sent", false)) {
                sent++;
            } else if (answer.status() == 200) {
                log.refused(AliyunSmsSimulator.PLATFORM, "campaign.held", List.of(person.maskedPhone()), Map.of(),
                        answer.json().getString("reason", "not_permitted"));
            } else {
                log.refused(AliyunSmsSimulator.PLATFORM, "campaign.failed", List.of(person.maskedPhone()), Map.of(),
                        "HTTP " + answer.status());
            }
        }
        return sent;
    }
}
