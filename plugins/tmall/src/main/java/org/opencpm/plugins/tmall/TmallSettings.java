package org.opencpm.plugins.tmall;

import java.util.regex.Pattern;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorConfig;

/**
 * The connector's configuration, read and checked once when it starts: a value of the wrong form
 * fails the start with a message naming the key (never the value: some are secrets).
 * {@link #toString()} shows no secret.
 */
record TmallSettings(String gateway, String appKey, String appSecret, String session, SignMethod signMethod, String groupId,
                     String optOutMethod, String optInMethod, String groupParam, String memberParam, long timeoutMillis) {

    static final String APP_KEY = "appKey";
    static final String APP_SECRET = "appSecret";
    static final String SESSION = "session";
    static final String SIGN_METHOD = "signMethod";
    static final String GROUP_ID = "groupId";
    static final String OPT_OUT_METHOD = "optOutMethod";
    static final String OPT_IN_METHOD = "optInMethod";
    static final String GROUP_PARAM = "groupParam";
    static final String MEMBER_PARAM = "memberParam";
    static final String TIMEOUT_MILLIS = "timeoutMillis";

    static final String DEFAULT_BASE_URL = "https://eco.taobao.com";
    /** TOP's one entry point: the API is named by the {@code method} parameter. */
    static final String ROUTER = "/router/rest";
    static final SignMethod DEFAULT_SIGN_METHOD = SignMethod.HMAC_SHA256;
    /** 一批会员添加分组(隐私号版): adds up to 999 ouids to CRM groups. */
    static final String DEFAULT_OPT_OUT_METHOD = "taobao.crm.members.group.batchadd.privy";
    /** 批量删除分组(隐私号版): takes up to 20 ouids out of up to 10 CRM groups. */
    static final String DEFAULT_OPT_IN_METHOD = "taobao.crm.members.groups.batchdelete.privy";
    static final String DEFAULT_GROUP_PARAM = "group_ids";
    static final String DEFAULT_MEMBER_PARAM = "ouids";

    private static final Pattern METHOD = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9_]+");

    static TmallSettings of(ConnectorConfig config) {
        String root = config.get(ConnectorApi.BASE_URL).orElse(DEFAULT_BASE_URL).replaceAll("/+$", "");
        // The gateway's address as TOP's console shows it ends in /router/rest already: taken as it is.
        String gateway = root.endsWith(ROUTER) ? root : root + ROUTER;
        SignMethod signMethod;
        try {
            signMethod = config.get(SIGN_METHOD).map(SignMethod::of).orElse(DEFAULT_SIGN_METHOD);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("configuration key '" + SIGN_METHOD + "' must be md5, hmac or hmac-sha256");
        }
        String groupId = config.require(GROUP_ID);
        if (!groupId.matches("[0-9]{1,19}")) {
            throw new IllegalStateException("configuration key '" + GROUP_ID + "' must be the number of a CRM group of the shop");
        }
        long timeout = config.getLong(TIMEOUT_MILLIS, 10_000);
        if (timeout < 100 || timeout > 120_000) {
            throw new IllegalStateException("configuration key '" + TIMEOUT_MILLIS + "' must be from 100 to 120000");
        }
        return new TmallSettings(gateway, config.require(APP_KEY), config.require(APP_SECRET), config.require(SESSION), signMethod,
                groupId, checked(config, OPT_OUT_METHOD, DEFAULT_OPT_OUT_METHOD, METHOD),
                checked(config, OPT_IN_METHOD, DEFAULT_OPT_IN_METHOD, METHOD), checked(config, GROUP_PARAM, DEFAULT_GROUP_PARAM, PARAM),
                checked(config, MEMBER_PARAM, DEFAULT_MEMBER_PARAM, PARAM), timeout);
    }

    private static String checked(ConnectorConfig config, String key, String otherwise, Pattern form) {
        String value = config.get(key).orElse(otherwise);
        if (!form.matcher(value).matches()) {
            throw new IllegalStateException("configuration key '" + key + "' is not a TOP " + (form == METHOD ? "method name" : "parameter name"));
        }
        return value;
    }

    /** The camel-http endpoint: TOP's router, with timeouts so that a silent TOP is a failed (retried) attempt. */
    String endpoint() {
        return gateway + "?connectTimeout=" + timeoutMillis + "&responseTimeout=" + timeoutMillis
                + "&connectionRequestTimeout=" + timeoutMillis;
    }

    @Override
    public String toString() {
        return "TmallSettings{gateway=" + gateway + ", appKey=" + appKey + ", signMethod=" + signMethod.code() + ", groupId=" + groupId
                + ", optOutMethod=" + optOutMethod + ", optInMethod=" + optInMethod + "}";
    }
}
