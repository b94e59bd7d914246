package io.jasyncio.redis;

import java.util.List;

/**
 * The options of {@code SET}: an expiry ({@code EX} seconds, {@code PX} milliseconds, or
 * {@code KEEPTTL}) and a condition ({@code NX}: only if absent; {@code XX}: only if present). Immutable;
 * each method returns a new value: {@code SetOptions.ex(10).nx()}.
 *
 * @param exSeconds {@code EX}, or 0 for none
 * @param pxMillis {@code PX}, or 0 for none
 * @param keepingTtl {@code KEEPTTL}
 * @param ifAbsent {@code NX}
 * @param ifPresent {@code XX}
 */
public record SetOptions(long exSeconds, long pxMillis, boolean keepingTtl, boolean ifAbsent, boolean ifPresent) {

    /** No options. */
    public static final SetOptions NONE = new SetOptions(0, 0, false, false, false);

    /** Checks that at most one expiry and at most one condition is given. */
    public SetOptions {
        if ((exSeconds > 0 ? 1 : 0) + (pxMillis > 0 ? 1 : 0) + (keepingTtl ? 1 : 0) > 1) {
            throw new IllegalArgumentException("SET takes one of EX, PX and KEEPTTL");
        }
        if (ifAbsent && ifPresent) {
            throw new IllegalArgumentException("SET takes NX or XX, not both");
        }
        if (exSeconds < 0 || pxMillis < 0) {
            throw new IllegalArgumentException("SET's expiry must be positive");
        }
    }

    /** Expires in {@code seconds} ({@code EX}). */
    public static SetOptions ex(long seconds) {
        return new SetOptions(seconds, 0, false, false, false);
    }

    /** Expires in {@code millis} milliseconds ({@code PX}). */
    public static SetOptions px(long millis) {
        return new SetOptions(0, millis, false, false, false);
    }

    /** These options with {@code NX}: set only if the key does not exist. */
    public SetOptions nx() {
        return new SetOptions(exSeconds, pxMillis, keepingTtl, true, ifPresent);
    }

    /** These options with {@code XX}: set only if the key exists. */
    public SetOptions xx() {
        return new SetOptions(exSeconds, pxMillis, keepingTtl, ifAbsent, true);
    }

    /** These options with {@code KEEPTTL}: keep the key's timeout. */
    public SetOptions keepTtl() {
        return new SetOptions(exSeconds, pxMillis, true, ifAbsent, ifPresent);
    }

    void appendTo(List<Object> args) {
        if (exSeconds > 0) {
            args.add("EX");
            args.add(exSeconds);
        }
        if (pxMillis > 0) {
            args.add("PX");
            args.add(pxMillis);
        }
        if (keepingTtl) {
            args.add("KEEPTTL");
        }
        if (ifAbsent) {
            args.add("NX");
        }
        if (ifPresent) {
            args.add("XX");
        }
    }
}
