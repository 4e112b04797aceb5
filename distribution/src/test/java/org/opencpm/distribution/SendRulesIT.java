package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's send rules reach the send permits of the real distribution: from the environment
 * as MicroProfile maps it ({@code OPENCPM_SEND_MARKETING_SMS_MAXPERMONTH}), and a malformed one in
 * {@code conf/opencpm.properties} stops the start with the key named.
 */
class SendRulesIT {

    private static final String ADMIN = "an-operator-chosen-admin-key-0001";

    @Test
    void an_operator_cap_from_the_environment_refuses_the_second_marketing_sms_of_the_month(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("OPENCPM_SEND_MARKETING_SMS_MAXPERMONTH", "1")
                // the server runs on the wall clock: without the curfew the test does not depend on the hour
                .withEnv("OPENCPM_SEND_CURFEW_ENABLED", "false")
                .start()) {
            assertThat(server.logText()).contains("send permits: no marketing curfew; operator caps on marketing: sms 1/month");
            DistributionIT.defineCatalogue(server, ADMIN);
            HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '13800138000'}]}, 'purpose': 'marketing-sms',
                      'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'miniprogram',
                      'method': 'checkbox' }"""));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);

            assertThat(askForSms(server).getBoolean("granted")).isTrue();
            JsonObject second = askForSms(server);
            assertThat(second.getBoolean("granted")).isFalse();
            assertThat(second.getString("reason")).isEqualTo("frequency_cap");
        }
    }

    @Test
    void a_malformed_send_setting_stops_the_start_and_the_log_names_it(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)) {
            Files.writeString(server.home.resolve("conf/opencpm.properties"), "\nopencpm.send.marketing.sms.maxPerDay=often\n",
                    StandardOpenOption.APPEND);
            Files.createDirectories(server.log.getParent());
            Process process = server.command("run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(server.log.toFile())).start();
            try {
                assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the server gave up starting; log: " + server.log).isTrue();
                assertThat(process.exitValue()).isNotZero();
                assertThat(server.logText()).contains("opencpm.send.marketing.sms.maxPerDay: 'often' must be a whole number from 0 to 10000");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static JsonObject askForSms(RunningServer server) {
        HttpResponse<String> permit = server.post("/api/v1/send-permits", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '13800138000'}]}, 'purpose': 'marketing-sms',
                  'channel': 'sms' }"""));
        assertThat(permit.statusCode()).as(permit.body()).isEqualTo(200);
        return Json.parse(permit.body());
    }
}
