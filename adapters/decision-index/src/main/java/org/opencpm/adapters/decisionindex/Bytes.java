package org.opencpm.adapters.decisionindex;

import java.util.Arrays;

/**
 * Writing and reading the packed subject records: unsigned and zig-zag variable-length integers
 * (7 bits a byte, small numbers in one byte) and fixed 40-bit signed numbers (five bytes, for time
 * offsets too large to be shorter as a varint).
 */
final class Bytes {

    /** The range of {@link Writer#fixed40}: ±2^39 milliseconds, about ±17 years. */
    static final long FIXED40_LIMIT = 1L << 39;

    private Bytes() {
    }

    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Bytes {@code value} takes as an unsigned varint. */
    static int varLength(long value) {
        int length = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            length++;
        }
        return length;
    }

    static boolean fitsFixed40(long value) {
        return value >= -FIXED40_LIMIT && value < FIXED40_LIMIT;
    }

    /** A growing byte buffer, trimmed to size at the end. */
    static final class Writer {

        private byte[] bytes = new byte[128];
        private int length;

        void write(int b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, length * 2);
            }
            bytes[length++] = (byte) b;
        }

        void var(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            write((int) value);
        }

        void zig(long value) {
            var(zigzag(value));
        }

        void fixed40(long value) {
            for (int shift = 32; shift >= 0; shift -= 8) {
                write((int) (value >> shift));
            }
        }

        void fixed64(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (value >> shift));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, length);
        }
    }

    /** Reads a record from a position; one per read, not shared. */
    static final class Reader {

        private final byte[] bytes;
        int position;

        Reader(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        int read() {
            return bytes[position++] & 0xFF;
        }

        long var() {
            int b = bytes[position++];
            if (b >= 0) {
                return b; // most numbers in a record fit in one byte
            }
            long value = b & 0x7F;
            int shift = 7;
            do {
                b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return value;
        }

        int varInt() {
            return (int) var();
        }

        long zig() {
            return unzigzag(var());
        }

        long fixed40() {
            long value = bytes[position++]; // sign-extended top byte
            for (int i = 0; i < 4; i++) {
                value = (value << 8) | (bytes[position++] & 0xFF);
            }
            return value;
        }

        long fixed64() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (bytes[position++] & 0xFF);
            }
            return value;
        }
    }
}
