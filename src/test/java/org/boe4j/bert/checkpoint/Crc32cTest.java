package org.boe4j.bert.checkpoint;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class Crc32cTest {

    @Test
    void rawValuesMatchPublishedCheckValues() {
        // RFC 3720 (iSCSI) B.4 and leveldb crc32c_test.cc "StandardResults"
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc32c.of(digits, 0, digits.length)).isEqualTo(0xe3069283);
        assertThat(Crc32c.of(new byte[32], 0, 32)).isEqualTo(0x8a9136aa);
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(Crc32c.of(ByteBuffer.wrap(ones))).isEqualTo(0x62a8ab43);
    }

    @Test
    void maskRotatesRightBy15AndAddsTheDelta() {
        // by hand: rotr(0, 15) = 0; rotr(0x8000, 15) = 1; rotr(1, 15) = 0x00020000
        assertThat(Crc32c.mask(0)).isEqualTo(0xa282ead8);
        assertThat(Crc32c.mask(0x8000)).isEqualTo(0xa282ead9);
        assertThat(Crc32c.mask(1)).isEqualTo(0x00020000 + 0xa282ead8);
        for (int crc : new int[]{0, 1, -1, 0xe3069283, 0x12345678}) {
            assertThat(Crc32c.unmask(Crc32c.mask(crc))).isEqualTo(crc);
            assertThat(Crc32c.mask(crc)).isNotEqualTo(crc);
        }
    }
}
