package org.opencpm.plugins.douyin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A data-source file as {@code /open_api/2/dmp/data_source/file/upload/} takes it: a zip holding
 * one text file of {@link DmpRecords} lines, and the zip's MD5 ({@code file_signature}), which the
 * platform checks against what it received.
 *
 * @param zip the file's bytes
 * @param md5 lower-case hex MD5 of {@code zip}
 * @param ids how many ids it carries
 */
record AudienceFile(byte[] zip, String md5, int ids) {

    /** The name of the text file inside the zip. */
    static final String ENTRY = "opencpm-dmp.txt";

    /** A file of hashed phones ({@code MOBILE_HASH_SHA256}). */
    static AudienceFile ofMobileHashes(List<String> hashes) {
        byte[] text = DmpRecords.lines(DmpRecords.MOBILE_HASH_SHA256, hashes).getBytes(StandardCharsets.US_ASCII);
        byte[] zip = zip(text);
        return new AudienceFile(zip, md5Hex(zip), hashes.size());
    }

    private static byte[] zip(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(ENTRY));
            zip.write(text);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a zip in memory", e);
        }
        return out.toByteArray();
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "AudienceFile[" + ids + " ids, md5 " + md5 + "]";
    }
}
