package org.opencpm.plugins.douyin;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Ocean Engine as the tests see it: the DMP upload checks the {@code Access-Token} header and the
 * file's MD5 against {@code file_signature} (recomputed from the bytes received), and answers a
 * fresh {@code file_path}; the update checks the token. What either refuses gets the platform's
 * own answer (HTTP 200 with its error code). The files uploaded are read back here with a decoder
 * of our own (zip, base64 lines, protobuf wire format), not the plugin's code.
 */
final class OceanEngineStub {

    static final String ADVERTISER_ID = "1760312345678901";
    static final String APP_ID = "1700000000000123";
    static final String APP_SECRET = "oe-app-secret-5b1c9e2f";
    static final String ACCESS_TOKEN = "oe-access-8d2f41aa07c3";
    static final String REFRESH_TOKEN = "oe-refresh-2a6b93c1ff04";
    static final String DATA_SOURCE_ID = "1800000000000456";
    static final int MOBILE_HASH_SHA256 = 6;

    private final WireMockServer platform;
    private final String validToken;

    /** A platform that takes {@code validToken} as the advertiser's access token. */
    OceanEngineStub(WireMockServer platform, String validToken) {
        this.platform = platform;
        this.validToken = validToken;
    }

    /** Stubs the upload (always) and, unless the test answers it itself, the update. */
    OceanEngineStub uploads() {
        platform.stubFor(post(urlPathEqualTo(OceanEngine.UPLOAD)).atPriority(1).andMatching(this::authorisedUpload)
                .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-upload\","
                        + "\"data\":{\"file_path\":\"dmp/{{randomValue length=20 type='ALPHANUMERIC'}}.zip\"}}")
                        .withTransformers("response-template")));
        platform.stubFor(post(urlPathEqualTo(OceanEngine.UPLOAD)).atPriority(2).andMatching(this::authorised)
                .willReturn(okJson("{\"code\":40002,\"message\":\"file_signature does not match the file\",\"request_id\":\"req-md5\",\"data\":{}}")));
        platform.stubFor(post(urlPathEqualTo(OceanEngine.UPLOAD)).atPriority(3).willReturn(tokenInvalid()));
        return this;
    }

    OceanEngineStub updates() {
        platform.stubFor(post(urlPathEqualTo(OceanEngine.UPDATE)).atPriority(1).andMatching(this::authorised)
                .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-update\",\"data\":{}}")));
        platform.stubFor(post(urlPathEqualTo(OceanEngine.UPDATE)).atPriority(3).willReturn(tokenInvalid()));
        return this;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokenInvalid() {
        return okJson("{\"code\":40102,\"message\":\"access token expired\",\"request_id\":\"req-token\",\"data\":{}}");
    }

    private MatchResult authorised(Request request) {
        return MatchResult.of(validToken.equals(request.getHeader(OceanEngine.ACCESS_TOKEN)));
    }

    /** What the platform checks of an upload: the token, the advertiser, and the MD5 of the bytes it got. */
    private MatchResult authorisedUpload(Request request) {
        if (!authorised(request).isExactMatch() || request.getParts() == null) {
            return MatchResult.noMatch();
        }
        Request.Part file = request.getPart("file");
        Request.Part signature = request.getPart("file_signature");
        Request.Part advertiser = request.getPart("advertiser_id");
        return MatchResult.of(file != null && signature != null && advertiser != null
                && ADVERTISER_ID.equals(advertiser.getBody().asString())
                && md5Hex(file.getBody().asBytes()).equals(signature.getBody().asString()));
    }

    static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of an update request. */
    static JsonObject json(LoggedRequest request) {
        return Json.createReader(new StringReader(request.getBodyAsString())).readObject();
    }

    /** The ids of each uploaded file the platform took, by the {@code file_path} it answered. */
    Map<String, List<String>> uploadedIds() {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (ServeEvent event : platform.getAllServeEvents()) {
            if (event.getRequest().getUrl().startsWith(OceanEngine.UPLOAD) && event.getResponse().getStatus() == 200) {
                JsonObject answer = Json.createReader(new StringReader(event.getResponse().getBodyAsString())).readObject();
                if (answer.getInt("code") == 0) {
                    out.put(answer.getJsonObject("data").getString("file_path"), idsIn(event.getRequest().getPart("file").getBody().asBytes()));
                }
            }
        }
        return out;
    }

    /** The ids in a data-source zip, each checked to be a MOBILE_HASH_SHA256 item. */
    static List<String> idsIn(byte[] zip) {
        List<String> ids = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        ids.addAll(ProtoReader.mobileHashes(Base64.getDecoder().decode(line.strip())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /** A protobuf wire-format reader for {@code DmpData}, independent of the plugin's writer. */
    static final class ProtoReader {
        private final byte[] bytes;
        private int at;

        private ProtoReader(byte[] bytes) {
            this.bytes = bytes;
        }

        static List<String> mobileHashes(byte[] dmpData) {
            List<String> ids = new ArrayList<>();
            ProtoReader message = new ProtoReader(dmpData);
            while (message.at < dmpData.length) {
                long key = message.varint();
                if (key != (1 << 3 | 2)) {
                    throw new AssertionError("DmpData holds only idList (field 1, length-delimited), not key " + key);
                }
                ProtoReader item = new ProtoReader(message.bytes((int) message.varint()));
                Long dataType = null;
                String id = null;
                while (item.at < item.bytes.length) {
                    long itemKey = item.varint();
                    switch ((int) itemKey) {
                        case 1 << 3 -> item.varint(); // timestamp
                        case 2 << 3 -> dataType = item.varint();
                        case 3 << 3 | 2 -> id = new String(item.bytes((int) item.varint()), StandardCharsets.UTF_8);
                        case 4 << 3 | 2 -> item.bytes((int) item.varint()); // a tag
                        default -> throw new AssertionError("unknown IdItem key " + itemKey);
                    }
                }
                if (dataType == null || dataType != MOBILE_HASH_SHA256 || id == null) {
                    throw new AssertionError("an IdItem without its required dataType MOBILE_HASH_SHA256 (6) and id: " + dataType);
                }
                ids.add(id);
            }
            return ids;
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }

        private byte[] bytes(int length) {
            byte[] out = java.util.Arrays.copyOfRange(bytes, at, at + length);
            at += length;
            return out;
        }
    }
}
