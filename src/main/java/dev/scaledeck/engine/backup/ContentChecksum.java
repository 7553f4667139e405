package dev.scaledeck.engine.backup;

/**
 * An order-independent checksum of a table's rows: the row count and the sum, modulo
 * 2^64, of a 64-bit hash of each COPY text line, written {@code <rows>:<sum as 16 hex digits>}.
 * Because addition commutes, a table copied out of another database in another order gives
 * the same value, so a trial restore can be compared without sorting anything. Fed byte by
 * byte as the COPY stream passes; not thread-safe.
 */
final class ContentChecksum {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long lineHash = FNV_OFFSET;
    private long sum;
    private long rows;

    void update(byte[] bytes, int offset, int length) {
        long h = lineHash;
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                sum += mix(h);
                rows++;
                h = FNV_OFFSET;
            } else {
                h = (h ^ (b & 0xff)) * FNV_PRIME;
            }
        }
        lineHash = h;
    }

    /**
     * FNV-1a alone spreads short, similar lines poorly over the high bits; the MurmurHash3
     * finaliser fixes that, so that sums of many hashes do not cancel out by accident.
     */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    long rows() {
        return rows;
    }

    String value() {
        return rows + ":" + String.format("%016x", sum);
    }
}
