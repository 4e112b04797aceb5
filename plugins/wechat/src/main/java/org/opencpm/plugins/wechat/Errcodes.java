package org.opencpm.plugins.wechat;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.RetryableDeliveryException;

/**
 * What WeChat's {@code errcode} means. WeChat answers HTTP 200 whatever happened, with
 * {@code {"errcode":…,"errmsg":…}}; a successful call has errcode 0 or none at all (the token and
 * tag-creation answers carry none). The reasons given never quote {@code errmsg}, which may echo
 * what was sent (an openid), and never an identifier.
 */
final class Errcodes {

    /** The access token is invalid (40001, 40014) or expired (42001): refresh it once and call again. */
    static final Set<Integer> TOKEN = Set.of(40001, 40014, 42001);

    /** Passing: system busy (-1), the daily (45009) or per-minute (45011) call quota reached. Retried with back-off. */
    static final Set<Integer> PASSING = Set.of(-1, 45009, 45011);

    /** The tag id is not valid: the tag was deleted on WeChat. */
    static final int TAG_UNKNOWN = 45159;

    /** A tag of that name exists already (tags/create): look its id up. */
    static final int TAG_NAME_TAKEN = 45157;

    /** Known lasting refusals, with what an operator should read. Any other errcode is lasting too, with its number. */
    private static final Map<Integer, String> LASTING = Map.ofEntries(
            Map.entry(40003, "an openid is not valid"),
            Map.entry(49003, "an openid does not belong to this appId"),
            Map.entry(40032, "too many openids in one call"),
            Map.entry(45159, "the tag id is not valid: was the tag deleted on WeChat? fix its tag.<purpose> key"),
            Map.entry(45059, "a follower already has the most tags WeChat allows (20)"),
            Map.entry(45056, "the account has the most tags WeChat allows (100)"),
            Map.entry(45158, "the tag name is longer than WeChat allows"),
            Map.entry(40013, "the appId is not valid"),
            Map.entry(40125, "the appSecret is not valid"),
            Map.entry(40164, "this server's IP address is not in the account's API IP whitelist"),
            Map.entry(40243, "the appSecret is frozen"),
            Map.entry(48001, "the account has no permission for this API"));

    private Errcodes() {
    }

    /** The answer's errcode; 0 when it has none. */
    static int of(JsonObject answer) {
        return answer.get("errcode") instanceof JsonNumber number ? number.intValue() : 0;
    }

    /**
     * {@link #check} for {@code /cgi-bin/token}, where 40001 means the appSecret is wrong, not the token.
     */
    static JsonObject checkToken(JsonObject answer) {
        if (of(answer) == 40001) {
            throw new PermanentDeliveryException("WeChat token refused: errcode 40001 (the appSecret is not valid)");
        }
        return check("token", answer);
    }

    /**
     * Throws what {@code answer} means when it is no success: {@link RetryableDeliveryException} for
     * a passing errcode (a token error that survived its refresh included), else
     * {@link PermanentDeliveryException}.
     */
    static JsonObject check(String api, JsonObject answer) {
        int errcode = of(answer);
        if (errcode == 0) {
            return answer;
        }
        if (PASSING.contains(errcode) || TOKEN.contains(errcode)) {
            throw new RetryableDeliveryException("WeChat " + api + " answered errcode " + errcode
                    + (TOKEN.contains(errcode) ? " (access token refused after a refresh)" : " (busy or quota reached)"));
        }
        throw new PermanentDeliveryException("WeChat " + api + " refused: errcode " + errcode
                + (LASTING.containsKey(errcode) ? " (" + LASTING.get(errcode) + ")" : ""));
    }
}
