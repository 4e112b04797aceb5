package org.opencpm.plugins.tmall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TOP's signature, against the examples TOP publishes and the RFCs' HMAC vectors. */
class SignMethodTest {

    /**
     * The worked example of TOP's guide "API调用方法详解", section 签名示例
     * (https://open.taobao.com/docV3.htm?docId=101617&docType=1): taobao.item.seller.get called with
     * app_key 12345678, session "test", timestamp 2016-01-01 12:00:00, format json, v 2.0, sign_method md5,
     * fields num_iid,title,nick,price,num and num_iid 11223344, secret "helloworld", signs as
     * 66987CB115214E59E6EC978214934FB8.
     */
    @Test
    @DisplayName("TOP's published md5 example (docId=101617, 签名示例) signs as 66987CB115214E59E6EC978214934FB8")
    void the_published_md5_example() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("method", "taobao.item.seller.get");
        parameters.put("app_key", "12345678");
        parameters.put("session", "test");
        parameters.put("timestamp", "2016-01-01 12:00:00");
        parameters.put("format", "json");
        parameters.put("v", "2.0");
        parameters.put("sign_method", "md5");
        parameters.put("fields", "num_iid,title,nick,price,num");
        parameters.put("num_iid", "11223344");

        assertThat(SignMethod.concatenated(parameters)).isEqualTo("app_key12345678fieldsnum_iid,title,nick,price,numformatjson"
                + "methodtaobao.item.seller.getnum_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0");
        assertThat(SignMethod.MD5.sign(parameters, "helloworld")).isEqualTo("66987CB115214E59E6EC978214934FB8");
        parameters.put("sign", "ANYTHING");
        assertThat(SignMethod.MD5.sign(parameters, "helloworld")).as("sign itself is never signed").isEqualTo("66987CB115214E59E6EC978214934FB8");
    }

    /** The same guide's ordering example: foo:1, bar:2, foo_bar:3, foobar:4 join as bar2foo1foo_bar3foobar4. */
    @Test
    @DisplayName("Names sort in ASCII order (the guide's foo/bar/foo_bar/foobar example); empty values are left out")
    void names_sort_in_ascii_order() {
        assertThat(SignMethod.concatenated(Map.of("foo", "1", "bar", "2", "foo_bar", "3", "foobar", "4")))
                .isEqualTo("bar2foo1foo_bar3foobar4");
        assertThat(SignMethod.concatenated(Map.of("b", "2", "a", "", "C", "3"))).as("upper case before lower, empty left out").isEqualTo("C3b2");
    }

    /** RFC 2202 test case 2 (key "Jefe"), its data split into a name and a value that TOP's concatenation joins again. */
    @Test
    @DisplayName("hmac is HMAC-MD5 keyed with the secret over the joined parameters (RFC 2202 case 2)")
    void hmac_is_hmac_md5() {
        assertThat(SignMethod.HMAC.sign(Map.of("what", " do ya want for nothing?"), "Jefe"))
                .isEqualTo("750C783E6AB0B503EAA86E310A5DB738");
    }

    /** RFC 4231 test case 2, likewise. */
    @Test
    @DisplayName("hmac-sha256 is HMAC-SHA256 keyed with the secret over the joined parameters (RFC 4231 case 2)")
    void hmac_sha256() {
        assertThat(SignMethod.HMAC_SHA256.sign(Map.of("what", " do ya want for nothing?"), "Jefe"))
                .isEqualTo("5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843");
    }

    @Test
    @DisplayName("Sign methods are read as TOP spells them, in any case; anything else is refused")
    void sign_methods_by_their_codes() {
        assertThat(SignMethod.of("md5")).isEqualTo(SignMethod.MD5);
        assertThat(SignMethod.of(" HMAC ")).isEqualTo(SignMethod.HMAC);
        assertThat(SignMethod.of("hmac-sha256")).isEqualTo(SignMethod.HMAC_SHA256);
        assertThatThrownBy(() -> SignMethod.of("sha1")).isInstanceOf(IllegalArgumentException.class);
    }
}
