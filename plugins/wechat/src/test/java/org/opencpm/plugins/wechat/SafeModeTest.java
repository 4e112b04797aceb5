package org.opencpm.plugins.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.testkit.ConnectorHarness;

/** Pushes in safe mode (AES): WeChat's published vectors, and an encrypted unsubscribe. */
class SafeModeTest {

    /** The EncodingAESKey of WeChat's message-encryption samples (WXBizMsgCrypt, 公众平台 download). */
    static final String SAMPLE_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    /**
     * WeChat's decryption sample: token "spamtest", app id wx2c2769f8efd9abc2, timestamp 1409735669,
     * nonce 1320562132, msg_signature 5d197aaf…d5fa over this Encrypt (a text message "abcdteT").
     * From the official WXBizMsgCrypt sample, as reproduced in fotock/WXbizMsgCrypt-Node, README.md.
     */
    static final String SAMPLE_ENCRYPT = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFm"
            + "OD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6"
            + "NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6Oew"
            + "pusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";

    private static InboundHandler handler(Map<String, String> values) {
        ConnectorConfig config = ConnectorConfig.of(values);
        WeChatConnector connector = new WeChatConnector();
        return connector.inbound(new ConnectorContext() {
            @Override
            public ConnectorDescriptor descriptor() {
                return connector.descriptor();
            }

            @Override
            public ConnectorConfig config() {
                return config;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        }).orElseThrow();
    }

    private static Map<String, String> config(String token, String appId) {
        // WeChat's samples are from 2014: any timestamp is taken here (EventPushTest checks the window).
        return new HashMap<>(Map.of("appId", appId, "appSecret", FakeWeChat.APP_SECRET, "token", token, "encodingAESKey", SAMPLE_KEY,
                "purposes", "marketing-wechat", "signatureWindowSeconds", "0"));
    }

    /** sha1 of the sorted parts, joined: computed here, apart from the connector's code. */
    static String sha1Sorted(String... parts) throws Exception {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
    }

    /** WeChat's encryption, written here on its own: random(16) + length + message + app id, PKCS#7 to 32, AES-256-CBC. */
    static String encrypt(String key, String message, String appId) throws Exception {
        return encrypt(key, "0123456789abcdef", message, appId);
    }

    static String encrypt(String key, String random, String message, String appId) throws Exception {
        byte[] aes = Base64.getDecoder().decode(key + "=");
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.write(random.getBytes(StandardCharsets.US_ASCII));
        plain.write(ByteBuffer.allocate(4).putInt(text.length).array());
        plain.write(text);
        plain.write(appId.getBytes(StandardCharsets.UTF_8));
        int pad = 32 - plain.size() % 32;
        for (int i = 0; i < pad; i++) {
            plain.write(pad);
        }
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes, "AES"), new IvParameterSpec(Arrays.copyOf(aes, 16)));
        return Base64.getEncoder().encodeToString(cipher.doFinal(plain.toByteArray()));
    }

    private static InboundRequest encryptedPush(String token, String timestamp, String nonce, String encrypt, String msgSignature)
            throws Exception {
        String body = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
        return new InboundRequest("events", "POST", Map.of("signature", List.of(sha1Sorted(token, timestamp, nonce)), "timestamp", List.of(timestamp),
                "nonce", List.of(nonce), "encrypt_type", List.of("aes"), "msg_signature", List.of(msgSignature)), Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(InboundResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("WeChat's encryption sample: 'jn1L23DB…' decrypts to 我是中文abcd123 for app wxb11529c136998cb6")
    void the_published_encryption_sample_decrypts() throws Exception {
        // WXBizMsgCryptTest of WeChat's Java sample (as reproduced in Wyl015/wuyiling, .../Utils/aes/WXBizMsgCryptTest.java):
        // key SAMPLE_KEY, random "aaaabbbbccccdddd", app id wxb11529c136998cb6, message 我是中文abcd123.
        String encrypt = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
        assertThat(encrypt(SAMPLE_KEY, "aaaabbbbccccdddd", "我是中文abcd123", "wxb11529c136998cb6"))
                .as("the test's own encryption, which the other tests use, gives the sample's ciphertext").isEqualTo(encrypt);
        InboundRequest request = new InboundRequest("events", "POST", Map.of("timestamp", List.of("1409304348"), "nonce", List.of("xxxxxx"),
                "msg_signature", List.of(sha1Sorted("pamtest", "1409304348", "xxxxxx", encrypt))), Map.of(), new byte[0]);

        byte[] plain = SafeMode.of(SAMPLE_KEY, "pamtest", "wxb11529c136998cb6").open(request, encrypt);
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("我是中文abcd123");
    }

    @Test
    @DisplayName("WeChat's decryption sample, whole: msg_signature 5d197aaf… checks out, the text message inside is answered success, nothing recorded")
    void the_published_decryption_sample_is_read() throws Exception {
        InboundHandler handler = handler(config("spamtest", "wx2c2769f8efd9abc2"));
        InboundResponse answer = handler.handle(encryptedPush("spamtest", "1409735669", "1320562132", SAMPLE_ENCRYPT,
                "5d197aaffba7e9b25a30732f161a50dee96bd5fa"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(text(answer)).isEqualTo("success");
        assertThat(answer.commands()).isEmpty();
        InboundRequest request = encryptedPush("spamtest", "1409735669", "1320562132", SAMPLE_ENCRYPT, "5d197aaffba7e9b25a30732f161a50dee96bd5fa");
        assertThat(new String(SafeMode.of(SAMPLE_KEY, "spamtest", "wx2c2769f8efd9abc2").open(request, SAMPLE_ENCRYPT), StandardCharsets.UTF_8))
                .contains("<Content><![CDATA[abcdteT]]></Content>");
    }

    @Test
    @DisplayName("An encrypted unsubscribe withdraws, as a plaintext one does")
    void an_encrypted_unsubscribe_withdraws() throws Exception {
        String encrypt = encrypt(SAMPLE_KEY, EventPushTest.unsubscribe(EventPushTest.OPENID, 1733284800), FakeWeChat.APP_ID);
        InboundResponse answer = handler(config(FakeWeChat.PUSH_TOKEN, FakeWeChat.APP_ID)).handle(encryptedPush(FakeWeChat.PUSH_TOKEN,
                "1733284801", "555", encrypt, sha1Sorted(FakeWeChat.PUSH_TOKEN, "1733284801", "555", encrypt)));

        assertThat(answer.commands()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("withdraw");
            assertThat(c.purposes()).containsExactly("marketing-wechat");
        });
    }

    @Test
    @DisplayName("A wrong msg_signature, or a push encrypted for another app, is refused with 401; an Encrypt that is no ciphertext with 400")
    void forged_encrypted_pushes_are_refused() throws Exception {
        InboundHandler handler = handler(config(FakeWeChat.PUSH_TOKEN, FakeWeChat.APP_ID));
        String ours = encrypt(SAMPLE_KEY, EventPushTest.unsubscribe(EventPushTest.OPENID, 1733284800), FakeWeChat.APP_ID);
        String theirs = encrypt(SAMPLE_KEY, EventPushTest.unsubscribe(EventPushTest.OPENID, 1733284800), "wx-another-app");

        InboundResponse badSignature = handler.handle(encryptedPush(FakeWeChat.PUSH_TOKEN, "1733284801", "555", ours,
                sha1Sorted("not-the-token", "1733284801", "555", ours)));
        InboundResponse otherApp = handler.handle(encryptedPush(FakeWeChat.PUSH_TOKEN, "1733284801", "555", theirs,
                sha1Sorted(FakeWeChat.PUSH_TOKEN, "1733284801", "555", theirs)));
        InboundResponse garbage = handler.handle(encryptedPush(FakeWeChat.PUSH_TOKEN, "1733284801", "555", "bm90IGEgY2lwaGVydGV4dA==",
                sha1Sorted(FakeWeChat.PUSH_TOKEN, "1733284801", "555", "bm90IGEgY2lwaGVydGV4dA==")));

        assertThat(badSignature.status()).isEqualTo(401);
        assertThat(otherApp.status()).isEqualTo(401);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(List.of(badSignature, otherApp, garbage)).allSatisfy(a -> assertThat(a.commands()).isEmpty());
    }

    @Test
    @DisplayName("An encrypted push without encodingAESKey is refused with 400 saying so; a key that is no EncodingAESKey keeps the connector from starting")
    void the_key_is_needed_and_checked() throws Exception {
        Map<String, String> withoutKey = config(FakeWeChat.PUSH_TOKEN, FakeWeChat.APP_ID);
        withoutKey.remove("encodingAESKey");
        String encrypt = encrypt(SAMPLE_KEY, EventPushTest.unsubscribe(EventPushTest.OPENID, 1733284800), FakeWeChat.APP_ID);
        InboundResponse answer = handler(withoutKey).handle(encryptedPush(FakeWeChat.PUSH_TOKEN, "1733284801", "555", encrypt,
                sha1Sorted(FakeWeChat.PUSH_TOKEN, "1733284801", "555", encrypt)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(text(answer)).contains("encodingAESKey");

        assertThatThrownBy(() -> ConnectorHarness.of(new WeChatConnector()).config("appId", FakeWeChat.APP_ID)
                .config("appSecret", FakeWeChat.APP_SECRET).config("token", FakeWeChat.PUSH_TOKEN).config("purposes", "marketing-wechat")
                .config("encodingAESKey", "too-short-key").start()).isInstanceOf(IllegalStateException.class).hasMessageContaining("encodingAESKey").hasMessageNotContaining("too-short-key");
    }

    @Test
    @DisplayName("Forged consent: with encodingAESKey, a POST without encrypt_type=aes (its body covered by no signature, only its query)"
            + " is refused with 401 and records nothing, whether it carries a plaintext acceptance or a compatible-mode body")
    void an_unencrypted_push_is_refused_in_safe_mode() throws Exception {
        // Whoever saw one signed URL (a proxy log) can post any body with its signature, timestamp and nonce; in safe and
        // compatible mode WeChat always sends encrypt_type=aes and msg_signature, so a push without them can only be forged.
        Map<String, String> config = config(FakeWeChat.PUSH_TOKEN, FakeWeChat.APP_ID);
        config.put("template." + EventPushTest.ACCEPTED, "order-updates");
        config.put("subscribeNotice", "mp-subscribe:3");
        InboundHandler handler = handler(config);
        String accept = EventPushTest.choice("subscribe_msg_popup_event", EventPushTest.ACCEPTED, "accept", 1733284800);
        String encrypt = encrypt(SAMPLE_KEY, accept, FakeWeChat.APP_ID);
        String compatible = accept.replace("</xml>", "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>");
        String signature = sha1Sorted(FakeWeChat.PUSH_TOKEN, "1733284801", "555");

        for (String body : List.of(accept, compatible)) {
            InboundResponse answer = handler.handle(new InboundRequest("events", "POST", Map.of("signature", List.of(signature),
                    "timestamp", List.of("1733284801"), "nonce", List.of("555")), Map.of(), body.getBytes(StandardCharsets.UTF_8)));
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.commands()).isEmpty();
            assertThat(answer.answer()).isEmpty();
        }
        InboundResponse encrypted = handler.handle(encryptedPush(FakeWeChat.PUSH_TOKEN, "1733284801", "555", encrypt,
                sha1Sorted(FakeWeChat.PUSH_TOKEN, "1733284801", "555", encrypt)));
        assertThat(encrypted.commands()).as("the same acceptance, encrypted by WeChat, is a grant").singleElement()
                .satisfies(c -> assertThat(c.action()).isEqualTo("grant"));
    }
}
