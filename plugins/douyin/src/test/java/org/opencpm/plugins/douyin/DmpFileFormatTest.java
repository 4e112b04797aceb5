package org.opencpm.plugins.douyin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The DMP's file format and phone hashing, checked against Ocean Engine's published material. */
class DmpFileFormatTest {

    @Test
    @DisplayName("The docs' own sample record (DMP上传数据格式: generate_valid_file, its IDFA item with tags \"3\" and \"4\") encodes to the proto2 wire bytes")
    void the_documented_sample_record_encodes_as_protobuf() {
        // Source: Ocean Engine open platform, "DMP相关附录 - DMP上传数据格式", Python sample
        // generate_valid_file() (reproduced in MrNullPoint/OceanEngineApi pb/toutiao_dmp_test.py):
        // id_item2.dataType = IDFA (1); id_item2.id = '1E2DFA89-496A-47FD-9941-DF1FC4E6484A'; tags "3", "4"; no timestamp.
        String id = "1E2DFA89-496A-47FD-9941-DF1FC4E6484A";
        ByteArrayOutputStream item = new ByteArrayOutputStream();
        item.writeBytes(new byte[] {0x10, 0x01});                        // dataType (field 2, varint) = IDFA
        item.write(0x1A);                                                // id (field 3, length-delimited)
        item.write(id.length());
        item.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        item.writeBytes(new byte[] {0x22, 0x01, '3', 0x22, 0x01, '4'}); // tags (field 4) "3", "4"
        ByteArrayOutputStream dmpData = new ByteArrayOutputStream();
        dmpData.write(0x0A);                                             // idList (field 1, length-delimited)
        dmpData.write(item.size());
        dmpData.writeBytes(item.toByteArray());

        assertThat(DmpRecords.dmpData(1, List.of(id), List.of("3", "4"))).isEqualTo(dmpData.toByteArray());
    }

    @Test
    @DisplayName("A phone is matched as the lower-case hex SHA-256 of its 11-digit mainland number, without +86, as the DMP's validation (64 hex digits) takes it")
    void a_phone_is_hashed_as_the_platform_matches_it() {
        String hash = MobileHash.of("+8613800138000").orElseThrow();
        // Known answer, from coreutils: printf 13800138000 | sha256sum
        assertThat(hash).isEqualTo("a6942f9771d67f34034d2f1926988ed3fad3bf1b4e7cedb9a31f31398dea43bc")
                .isEqualTo(OceanEngineStub.sha256Hex("13800138000"))
                .matches("^[a-f0-9]{64}$"); // the docs' validator: ^[a-fA-F0-9]{64}$; the proto: ids in lower case
        assertThat(MobileHash.of(" +8613800138000 ")).contains(hash);
    }

    @Test
    @DisplayName("Only mainland China mobile numbers have a match: a Hong Kong number, a landline or a short number is left out")
    void other_phones_are_left_out() {
        assertThat(MobileHash.of("+85291234567")).isEmpty();
        assertThat(MobileHash.of("+861012345678")).isEmpty();
        assertThat(MobileHash.of("+86138001380")).isEmpty();
        assertThat(MobileHash.of("13800138000")).as("not E.164").isEmpty();
    }

    @Test
    @DisplayName("A file is a zip of base64 DmpData lines, 10,000 ids a line at most, with the zip's MD5 as its signature")
    void a_file_is_a_zip_of_base64_lines_with_its_md5() {
        List<String> hashes = IntStream.range(0, 10_001).mapToObj(i -> OceanEngineStub.sha256Hex("138" + String.format("%08d", i))).toList();
        AudienceFile file = AudienceFile.ofMobileHashes(hashes);

        assertThat(file.md5()).isEqualTo(OceanEngineStub.md5Hex(file.zip()));
        assertThat(OceanEngineStub.idsIn(file.zip())).isEqualTo(hashes);
        String text = DmpRecords.lines(DmpRecords.MOBILE_HASH_SHA256, hashes);
        assertThat(text.split("\n")).hasSize(2).allSatisfy(line -> assertThat(Base64.getDecoder().decode(line)).isNotEmpty());
        assertThat(file.toString()).doesNotContain(hashes.get(0));
    }
}
