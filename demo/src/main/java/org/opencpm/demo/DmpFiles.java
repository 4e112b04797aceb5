package org.opencpm.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads what Ocean Engine's DMP upload receives, with code of its own (not the plugin's): the
 * {@code multipart/form-data} body (RFC 7578), and the file in it — a zip of text files, each line a
 * base64 {@code DmpData} protobuf message ({@code DmpData { repeated IdItem idList = 1 }},
 * {@code IdItem { optional uint32 timestamp = 1; required DataType dataType = 2; required string id = 3;
 * repeated string tags = 4 }}) whose ids must be {@code MOBILE_HASH_SHA256} (6): lower-case hex SHA-256.
 */
final class DmpFiles {

    static final int MOBILE_HASH_SHA256 = 6;
    /**
     * The most a file may unzip to, all its entries together: four times the largest body a simulator reads, well above
     * the plugin's largest file (a reset's 100,000 hashes, about 9.5 MB of base64 lines).
     */
    static final long MAX_UNZIPPED = 4L * Exchanges.MAX_BODY;
    /** The most files a zip may hold (the plugin writes one). */
    static final int MAX_ENTRIES = 16;
    private static final String FORMAT_ERROR = "file format error";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern BOUNDARY = Pattern.compile(";\\s*boundary=\"?([^\";]+)\"?");

    private DmpFiles() {
    }

    /** The parts of a multipart body by field name (bytes as sent), or empty when it is no such body. */
    static Optional<Map<String, byte[]>> parts(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        var boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            return Optional.empty();
        }
        // ISO-8859-1 maps each byte to one char and back, so the file's bytes survive the split.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary.group(1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int at = text.indexOf(delimiter);
        if (at < 0) {
            return Optional.empty();
        }
        while (true) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                return Optional.of(parts);
            }
            int next = text.indexOf("\r\n" + delimiter, start);
            if (next < 0 || !text.startsWith("\r\n", start)) {
                return Optional.empty();
            }
            String part = text.substring(start + 2, next);
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                return Optional.empty();
            }
            var name = Pattern.compile("(?i)content-disposition:\\s*form-data;\\s*name=\"([^\"]*)\"").matcher(part.substring(0, headersEnd));
            if (!name.find()) {
                return Optional.empty();
            }
            parts.put(name.group(1), part.substring(headersEnd + 4).getBytes(StandardCharsets.ISO_8859_1));
            at = next + 2;
        }
    }

    /**
     * The phone hashes in a DMP zip. Refused when it is not one (any line or item off the schema), and when it would
     * inflate past {@link #MAX_UNZIPPED} bytes or hold more than {@link #MAX_ENTRIES} files: a zip of a few KiB can
     * unzip to gigabytes, and whoever holds the access token could otherwise make the simulator inflate and parse them.
     */
    static List<String> hashes(byte[] zip) throws Refused {
        List<String> ids = new ArrayList<>();
        long left = MAX_UNZIPPED;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new Refused("file format error: more than " + MAX_ENTRIES + " files in the zip");
                }
                byte[] bytes = in.readNBytes((int) left + 1);
                if (bytes.length > left) {
                    throw new Refused("file size exceeds the limit: more than " + MAX_UNZIPPED + " bytes unzipped");
                }
                left -= bytes.length;
                for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n")) {
                    if (!line.isBlank() && !readDmpData(Base64.getDecoder().decode(line.strip()), ids)) {
                        throw new Refused(FORMAT_ERROR);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new Refused(FORMAT_ERROR);
        }
        if (entries == 0) {
            throw new Refused(FORMAT_ERROR);
        }
        return ids;
    }

    /** Why an uploaded file is refused, in the platform's words (its {@code message}, with code 40002). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static boolean readDmpData(byte[] message, List<String> ids) {
        Reader data = new Reader(message);
        while (data.more()) {
            if (data.varint() != (1 << 3 | 2)) {
                return false;
            }
            Reader item = new Reader(data.bytes((int) data.varint()));
            Long type = null;
            String id = null;
            while (item.more()) {
                long key = item.varint();
                if (key == 1 << 3) {
                    item.varint();
                } else if (key == 2 << 3) {
                    type = item.varint();
                } else if (key == (3 << 3 | 2)) {
                    id = new String(item.bytes((int) item.varint()), StandardCharsets.UTF_8);
                } else if (key == (4 << 3 | 2)) {
                    item.bytes((int) item.varint());
                } else {
                    return false;
                }
            }
            if (type == null || type != MOBILE_HASH_SHA256 || id == null || !SHA256_HEX.matcher(id).matches()) {
                return false;
            }
            ids.add(id);
        }
        return true;
    }

    /** Protobuf wire format: varints and length-delimited fields. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean more() {
            return at < bytes.length;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        byte[] bytes(int length) {
            if (length < 0 || at + length > bytes.length) {
                throw new IllegalArgumentException("field past the end");
            }
            byte[] out = Arrays.copyOfRange(bytes, at, at + length);
            at += length;
            return out;
        }
    }
}
