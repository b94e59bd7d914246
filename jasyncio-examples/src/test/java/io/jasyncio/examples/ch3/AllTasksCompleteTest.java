package io.jasyncio.examples.ch3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.examples.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllTasksCompleteTest {

    @Test
    void everyTaskCompletesAndTheDivisionByZeroIsOneOfTheResults() {
        try (Captured c = Captured.start()) {
            AllTasksComplete.main(new String[0]);
            assertEquals(List.of(
                    "Results: [java.lang.ArithmeticException: / by zero, 1, 2, 3, 4, 5, 6, 7, 8, 9]"), c.out());
            assertEquals(1.0, c.loop().time(), 1e-9, "the longest sleep is f(1)'s, one second");
            assertEquals(List.of(), c.reports(), "gather retrieved the exception");
        }
    }
}
