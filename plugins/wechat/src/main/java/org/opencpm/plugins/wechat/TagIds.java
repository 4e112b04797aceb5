package org.opencpm.plugins.wechat;

import jakarta.json.JsonNumber;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.connectors.api.Hmac;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.RetryableDeliveryException;

/**
 * The WeChat tag of each purpose: named {@code <tagPrefix><purpose>}, created on first use
 * ({@code tags/create}), or found by name ({@code tags/get}) when it exists already (errcode
 * 45157), or pinned by the operator ({@code tag.<purpose>=<tag id>}). Ids are kept for the
 * connector's life; a tag is created once even when several senders need it at the same moment.
 *
 * <p>WeChat takes tag names of at most {@value #MAX_NAME_BYTES} bytes (UTF-8). A longer
 * {@code <tagPrefix><purpose>} keeps its first bytes and ends in {@code ~} and six hex digits of
 * its SHA-256, so that it stays the same on every node and after every restart, and two long
 * purposes with a common start still get two tags.
 */
final class TagIds {

    static final int MAX_NAME_BYTES = 30;
    private static final int HASH_CHARS = 6;

    private final String prefix;
    private final Set<String> pinned;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final AccessTokens tokens;
    private final WeChatApi api;

    TagIds(String prefix, Map<String, Integer> pinned, AccessTokens tokens, WeChatApi api) {
        this.prefix = prefix;
        this.tokens = tokens;
        this.api = api;
        pinned.forEach((purpose, id) -> ids.put(nameOf(purpose), id));
        this.pinned = Set.copyOf(pinned.keySet());
    }

    /**
     * Forgets the id of {@code purpose}'s tag, which WeChat no longer knows (45159: someone deleted
     * the tag), so that the next attempt creates it again; answers false for a pinned tag, which
     * only the operator can fix.
     */
    boolean forget(String purpose, int id) {
        return !pinned.contains(purpose) && ids.remove(nameOf(purpose), id);
    }

    /** The tag name of {@code purpose}: {@code <tagPrefix><purpose>}, shortened to fit WeChat's limit. */
    String nameOf(String purpose) {
        return shortened(prefix + purpose);
    }

    static String shortened(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return name;
        }
        String hash = Hmac.sha256Hex(name.getBytes(StandardCharsets.UTF_8)).substring(0, HASH_CHARS);
        int budget = MAX_NAME_BYTES - 1 - HASH_CHARS;
        StringBuilder head = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            head.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return head + "~" + hash;
    }

    /** The id of {@code purpose}'s tag, creating the tag when WeChat has none yet. */
    int idOf(String purpose) {
        String name = nameOf(purpose);
        Integer id = ids.get(name);
        return id != null ? id : create(name);
    }

    /** Serialised: the senders that need a new tag at once wait for one creation. */
    private synchronized int create(String name) {
        Integer known = ids.get(name);
        if (known != null) {
            return known;
        }
        JsonObject answer = tokens.call(token -> api.createTag(token, name));
        int id = Errcodes.of(answer) == Errcodes.TAG_NAME_TAKEN ? existing(name) : idIn(Errcodes.check("tags/create", answer));
        ids.put(name, id);
        return id;
    }

    private int existing(String name) {
        JsonObject answer = Errcodes.check("tags/get", tokens.call(api::tags));
        for (JsonValue tag : answer.get("tags") instanceof JsonArray tags ? tags : java.util.List.<JsonValue>of()) {
            if (tag instanceof JsonObject object && name.equals(object.getString("name", null))) {
                return idOf(object);
            }
        }
        throw new PermanentDeliveryException("WeChat refused to create tag '" + name + "' (errcode 45157: the name is taken or not allowed)"
                + " and tags/get lists no tag of that name");
    }

    private static int idIn(JsonObject created) {
        if (created.get("tag") instanceof JsonObject tag) {
            return idOf(tag);
        }
        throw new RetryableDeliveryException("WeChat tags/create answered without a tag");
    }

    private static int idOf(JsonObject tag) {
        if (tag.get("id") instanceof JsonNumber id) {
            return id.intValue();
        }
        throw new RetryableDeliveryException("WeChat answered a tag without an id");
    }
}
