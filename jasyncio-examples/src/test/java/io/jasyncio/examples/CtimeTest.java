package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CtimeTest {

    @Test
    void formatsAsTheBookShows() {
        assertEquals("Sun Aug 18 02:14:34 2019", Ctime.format(LocalDateTime.of(2019, 8, 18, 2, 14, 34)));
    }

    @Test
    void padsASingleDigitDayWithASpaceAsCDoes() {
        assertEquals("Thu Aug  8 21:05:09 2019", Ctime.format(LocalDateTime.of(2019, 8, 8, 21, 5, 9)));
    }
}
