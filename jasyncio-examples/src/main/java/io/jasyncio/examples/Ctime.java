package io.jasyncio.examples;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Python's {@code time.ctime()} with java.time: the local date and time as
 * {@code Sun Aug 18 02:14:34 2019} (the day of the month padded with a space, as C's {@code ctime}).
 */
public final class Ctime {

    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    private Ctime() {
    }

    /** The wall-clock time now, formatted as {@code time.ctime()} formats it. */
    public static String now() {
        return format(LocalDateTime.now());
    }

    /** {@code time} formatted as {@code time.ctime()} formats it. */
    public static String format(LocalDateTime time) {
        return CTIME.format(time);
    }
}
