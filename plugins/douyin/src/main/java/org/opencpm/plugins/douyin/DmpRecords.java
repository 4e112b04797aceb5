package org.opencpm.plugins.douyin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The lines of a DMP data-source file: each line one {@code DmpData} protobuf message, base64
 * encoded, carrying at most {@value #IDS_PER_LINE} ids. The messages are Ocean Engine's published
 * proto2 schema ({@code toutiao.dmp}):
 *
 * <pre>
 * message DmpData { repeated IdItem idList = 1; }
 * message IdItem  { optional uint32 timestamp = 1; required DataType dataType = 2;
 *                   required string id = 3; repeated string tags = 4; }
 * </pre>
 *
 * The few bytes of wire format are written here rather than bringing protobuf-java into the zip
 * (a 1.7 MB library for two messages, and one more version for the host to keep apart). Only the
 * fields the connector needs are written: no timestamp (the platform then takes the upload's
 * time) and no tags.
 */
final class DmpRecords {

    /** The documented limit of ids in one {@code DmpData} line. */
    static final int IDS_PER_LINE = 10_000;

    /** {@code IdItem.DataType.MOBILE_HASH_SHA256}. */
    static final int MOBILE_HASH_SHA256 = 6;

    private static final int ID_LIST = 1;
    private static final int DATA_TYPE = 2;
    private static final int ID = 3;
    private static final int TAGS = 4;
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private DmpRecords() {
    }

    /** The file's text: {@code ids} of {@code dataType}, {@value #IDS_PER_LINE} at most per line, each line ending in a newline. */
    static String lines(int dataType, List<String> ids) {
        StringBuilder out = new StringBuilder();
        for (int from = 0; from < ids.size(); from += IDS_PER_LINE) {
            List<String> line = ids.subList(from, Math.min(ids.size(), from + IDS_PER_LINE));
            out.append(Base64.getEncoder().encodeToString(dmpData(dataType, line, List.of()))).append('\n');
        }
        return out.toString();
    }

    /** One {@code DmpData} message: an {@code IdItem} per id, each of {@code dataType} with {@code tags}. */
    static byte[] dmpData(int dataType, List<String> ids, List<String> tags) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (String id : ids) {
            writeBytes(message, ID_LIST, idItem(dataType, id, tags));
        }
        return message.toByteArray();
    }

    private static byte[] idItem(int dataType, String id, List<String> tags) {
        ByteArrayOutputStream item = new ByteArrayOutputStream();
        writeVarint(item, key(DATA_TYPE, VARINT));
        writeVarint(item, dataType);
        writeBytes(item, ID, id.getBytes(StandardCharsets.UTF_8));
        for (String tag : tags) {
            writeBytes(item, TAGS, tag.getBytes(StandardCharsets.UTF_8));
        }
        return item.toByteArray();
    }

    private static int key(int field, int wireType) {
        return field << 3 | wireType;
    }

    private static void writeBytes(ByteArrayOutputStream out, int field, byte[] bytes) {
        writeVarint(out, key(field, LENGTH_DELIMITED));
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    /** A non-negative int as a base-128 varint, least significant group first. */
    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.write(rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }
}
