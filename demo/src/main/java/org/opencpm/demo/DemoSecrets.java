package org.opencpm.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The demo's credentials: its admin key and what each simulated platform and its plugin share (app
 * secrets, tokens, AccessKeys). Random per demo folder, kept in {@code demo.properties} (mode 600) so
 * that a second {@code demo} run on the same folder signs in with the same admin key (the bootstrap
 * key counts only on an empty database) and the plugins' configuration stays what it was.
 */
record DemoSecrets(String adminKey, String wechatAppId, String wechatAppSecret, String wechatPushToken,
                   String douyinAdvertiserId, String douyinDataSourceId, String douyinAppId, String douyinAppSecret,
                   String douyinAccessToken, String douyinRefreshToken,
                   String aliyunAccessKeyId, String aliyunAccessKeySecret, String aliyunInboundToken) {

    static final String SMS_SIGN_NAME = "开放同意";
    static final String SMS_TEMPLATE = "SMS_154950909";
    private static final SecureRandom RANDOM = new SecureRandom();

    static final List<String> KEYS = List.of("adminKey", "wechat.appId", "wechat.appSecret", "wechat.pushToken", "douyin.advertiserId",
            "douyin.dataSourceId", "douyin.appId", "douyin.appSecret", "douyin.accessToken", "douyin.refreshToken", "aliyun.accessKeyId",
            "aliyun.accessKeySecret", "aliyun.inboundToken");

    /** The secrets kept in {@code file}, or new ones written there; refused when the file lacks one (a damaged folder). */
    static DemoSecrets in(Path file) throws IOException, Demo.DemoException {
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException damaged) {
                p.clear();
            }
            List<String> missing = KEYS.stream().filter(key -> p.getProperty(key, "").isBlank()).toList();
            if (!missing.isEmpty()) {
                throw new Demo.DemoException(file + " is damaged (no " + String.join(", ", missing) + " in it): start the demo over with"
                        + " --reset (it deletes this demo folder and its made-up data)");
            }
            return new DemoSecrets(p.getProperty("adminKey"), p.getProperty("wechat.appId"), p.getProperty("wechat.appSecret"),
                    p.getProperty("wechat.pushToken"), p.getProperty("douyin.advertiserId"), p.getProperty("douyin.dataSourceId"),
                    p.getProperty("douyin.appId"), p.getProperty("douyin.appSecret"), p.getProperty("douyin.accessToken"),
                    p.getProperty("douyin.refreshToken"), p.getProperty("aliyun.accessKeyId"), p.getProperty("aliyun.accessKeySecret"),
                    p.getProperty("aliyun.inboundToken"));
        }
        DemoSecrets secrets = new DemoSecrets("demo-admin-" + hex(16), "wx" + hex(8), hex(16), "push" + hex(8),
                "17" + digits(14), "18" + digits(14), "17" + digits(14), hex(16), "oe-access-" + hex(12), "oe-refresh-" + hex(12),
                "LTAI5t" + hex(9).toUpperCase(java.util.Locale.ROOT), hex(15), hex(24));
        Properties p = new Properties();
        p.setProperty("adminKey", secrets.adminKey);
        p.setProperty("wechat.appId", secrets.wechatAppId);
        p.setProperty("wechat.appSecret", secrets.wechatAppSecret);
        p.setProperty("wechat.pushToken", secrets.wechatPushToken);
        p.setProperty("douyin.advertiserId", secrets.douyinAdvertiserId);
        p.setProperty("douyin.dataSourceId", secrets.douyinDataSourceId);
        p.setProperty("douyin.appId", secrets.douyinAppId);
        p.setProperty("douyin.appSecret", secrets.douyinAppSecret);
        p.setProperty("douyin.accessToken", secrets.douyinAccessToken);
        p.setProperty("douyin.refreshToken", secrets.douyinRefreshToken);
        p.setProperty("aliyun.accessKeyId", secrets.aliyunAccessKeyId);
        p.setProperty("aliyun.accessKeySecret", secrets.aliyunAccessKeySecret);
        p.setProperty("aliyun.inboundToken", secrets.aliyunInboundToken);
        // Written whole to a private temporary file, then moved into place in one step: a run cut short leaves either no
        // demo.properties (the next run makes new secrets) or a complete one, never one with half the secrets.
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "demo.properties.", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                p.store(out, "OpenCPM demo: throw-away credentials of the simulated platforms (not real ones)");
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return secrets;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String digits(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(RANDOM.nextInt(10));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "DemoSecrets[hidden]";
    }
}
