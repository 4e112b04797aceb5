package org.opencpm.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The demo's {@code conf/connectors/<id>.properties}, written the way an integrator configures the
 * plugins (same keys as the distribution's files and the plugins' READMEs), each pointing
 * {@code baseUrl} at its simulator. Batch windows are short so that a change shows within a second or
 * two (Ocean Engine's real budget of ~50 updates a day would want a minute). Only these three are
 * enabled; the others have no file here and stay off.
 */
final class ConnectorFiles {

    private ConnectorFiles() {
    }

    static void write(Path dir, DemoSecrets secrets, Simulators simulators) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("wechat.properties"), """
                # OpenCPM demo: the wechat plugin against the local WeChat simulator.
                enabled=true
                baseUrl=%s
                appId=%s
                appSecret=%s
                token=%s
                purposes=%s
                batch.windowMillis=200
                """.formatted(simulators.wechatUri(), secrets.wechatAppId(), secrets.wechatAppSecret(), secrets.wechatPushToken(),
                SamplePeople.MARKETING_WECHAT));
        write(dir.resolve("douyin.properties"), """
                # OpenCPM demo: the douyin plugin against the local Ocean Engine simulator.
                enabled=true
                baseUrl=%s
                purposes=%s
                advertiserId=%s
                dataSourceId=%s
                appId=%s
                secret=%s
                accessToken=%s
                refreshToken=%s
                batch.windowMillis=500
                parallelism=1
                """.formatted(simulators.douyinUri(), SamplePeople.MARKETING_ADS, secrets.douyinAdvertiserId(), secrets.douyinDataSourceId(),
                secrets.douyinAppId(), secrets.douyinAppSecret(), secrets.douyinAccessToken(), secrets.douyinRefreshToken()));
        write(dir.resolve("sms-aliyun.properties"), """
                # OpenCPM demo: the sms-aliyun plugin against the local Alibaba Cloud SMS simulator.
                enabled=true
                baseUrl=%s
                accessKeyId=%s
                accessKeySecret=%s
                signName=%s
                templateCode=%s
                inboundToken=%s
                purposes=%s
                """.formatted(simulators.smsUri(), secrets.aliyunAccessKeyId(), secrets.aliyunAccessKeySecret(), DemoSecrets.SMS_SIGN_NAME,
                DemoSecrets.SMS_TEMPLATE, secrets.aliyunInboundToken(), SamplePeople.MARKETING_SMS));
    }

    private static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
