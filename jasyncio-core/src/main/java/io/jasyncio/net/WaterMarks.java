package io.jasyncio.net;

/**
 * The write-buffer water marks of asyncio's transports ({@code set_write_buffer_limits}): one rule for
 * every transport that buffers writes.
 *
 * @param low  the mark at or below which a paused protocol is resumed
 * @param high the mark above which the protocol is paused
 */
public record WaterMarks(int low, int high) {

    /** asyncio's defaults: 64 KiB high, a quarter of it low. */
    public static final WaterMarks DEFAULT = new WaterMarks(16 * 1024, 64 * 1024);

    /** Checks the marks: {@code high >= low >= 0}. */
    public WaterMarks {
        if (high < low || low < 0) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
    }

    /**
     * The marks for asyncio's arguments: {@code high} {@code null} means 64 KiB, or four times {@code low}
     * when that is given; {@code low} {@code null} means a quarter of {@code high}.
     */
    public static WaterMarks of(Integer high, Integer low) {
        int h = high != null ? high : (low != null ? 4 * low : 64 * 1024);
        int l = low != null ? low : h / 4;
        return new WaterMarks(l, h);
    }

    /** The marks as asyncio's {@code get_write_buffer_limits} returns them: {@code [low, high]}. */
    public int[] asArray() {
        return new int[] {low, high};
    }
}
