package org.opencpm.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo's sample people: made-up names, numbers of the 138-0000-00xx range and WeChat openids of
 * the demo's app, and the purposes each granted. The page shows each with what the platforms see of
 * them (an openid, the phone's SHA-256 that Ocean Engine gets, a masked number), so a newcomer can tell
 * whose change arrived where; no platform is ever told a name.
 */
final class SamplePeople {

    static final String MARKETING_SMS = "marketing-sms";
    static final String MARKETING_WECHAT = "marketing-wechat";
    static final String MARKETING_ADS = "marketing-ads";
    static final String HEALTH = "health-profile";
    static final String PARTNERS = "share-with-partners";

    /** One sample person. {@code channel} is where their consents were collected. */
    record Person(String key, String nameZh, String nameEn, String phone, String openid, String channel, List<String> grants) {

        /** The 11-digit number's SHA-256, as the douyin plugin sends it to Ocean Engine. */
        String phoneHash() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(phone.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String maskedPhone() {
            return AliyunSmsSimulator.mask(phone);
        }

        /** {@code {"identifiers": [phone, openid]}} for the API. */
        JsonObject subject(String wechatAppId) {
            return Json.createObjectBuilder().add("identifiers", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("type", "phone").add("value", phone))
                    .add(Json.createObjectBuilder().add("type", "wechat_openid").add("value", openid).add("scope", wechatAppId))).build();
        }

        JsonObject toJson() {
            return Json.createObjectBuilder().add("key", key).add("nameZh", nameZh).add("nameEn", nameEn).add("phone", maskedPhone())
                    .add("openid", openid).add("phoneHash", phoneHash()).build();
        }
    }

    static final List<Person> ALL = List.of(
            new Person("li-lei", "李雷", "Li Lei", "13800000001", "oDemo_LiLei_9Xq2fT0aKcW3pYb7", "miniprogram",
                    List.of(MARKETING_SMS, MARKETING_WECHAT, MARKETING_ADS)),
            new Person("han-meimei", "韩梅梅", "Han Meimei", "13800000002", "oDemo_HanMeimei_Rv5LmN8sQe1", "wechat",
                    List.of(MARKETING_SMS, MARKETING_WECHAT, PARTNERS)),
            new Person("wang-fang", "王芳", "Wang Fang", "13800000003", "oDemo_WangFang_Jt4Hc7Uy2Zo6", "app",
                    List.of(MARKETING_SMS, MARKETING_ADS, HEALTH)),
            new Person("zhang-wei", "张伟", "Zhang Wei", "13800000004", "oDemo_ZhangWei_Pk3Dn9Gw5Ax8", "store",
                    List.of(MARKETING_WECHAT, MARKETING_ADS)),
            new Person("chen-jing", "陈静", "Chen Jing", "13800000005", "oDemo_ChenJing_Bm6Vr1Ks4Ty0", "web",
                    List.of(MARKETING_SMS, MARKETING_WECHAT, MARKETING_ADS, HEALTH, PARTNERS)));

    private SamplePeople() {
    }
}
