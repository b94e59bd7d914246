package io.jasyncio.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.examples.Captured;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The blog's {@code force_async(compute_pi)} example (seed 004 lines 184-239). */
class ComputePiTest {

    private static final String PI_50 = "3.14159265358979323846264338327950288419716939937510";

    @Test
    void theGreetingsPrintWhileTheThreadComputesThenPi() {
        try (Captured c = Captured.start()) {
            // The computation does not start its work until both greetings are out: had the loop been
            // blocked while the thread computes, they could never come and this would time out.
            ComputePi.run(n -> {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (c.out().size() < 3) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the greetings did not come while computing: " + c.out());
                    }
                    Thread.onSpinWait();
                }
                return ComputePi.computePi(n);
            });
            List<String> out = c.out();
            assertEquals(List.of("Now, compute_pi will be executed", "Another function gets calleeeeeeed",
                    "Another function gets called"), out.subList(0, 3));
            assertEquals(4, out.size());
            assertEquals(machinPi(800), out.get(3));
            assertEquals(List.of(), c.err());
            assertEquals(List.of(), c.reports());
        }
    }

    @Test
    void mainPrintsPiTo800Decimals() {
        try (Captured c = Captured.start()) {
            ComputePi.main(new String[0]);
            List<String> out = c.out();
            assertEquals(List.of("Now, compute_pi will be executed", "Another function gets calleeeeeeed",
                    "Another function gets called"), out.subList(0, 3));
            String pi = out.get(3);
            assertTrue(pi.startsWith(PI_50), pi);
            assertEquals(802, pi.length(), "3, the point, 800 decimals");
            assertTrue(c.loop().isClosed());
        }
    }

    @Test
    void chudnovskyAgreesWithMachinsFormula() {
        assertEquals(machinPi(300), ComputePi.computePi(300));
        assertEquals("3.14", ComputePi.computePi(2));
        assertEquals("3.1416", ComputePi.computePi(4));
        assertTrue(ComputePi.computePi(100).startsWith(PI_50));
    }

    /** π to {@code n + 1} significant digits by Machin's formula, 16 atan(1/5) - 4 atan(1/239): an independent check. */
    private static String machinPi(int n) {
        MathContext mc = new MathContext(n + 20, RoundingMode.HALF_EVEN);
        BigDecimal pi = atanInverse(5, mc).multiply(BigDecimal.valueOf(16))
                .subtract(atanInverse(239, mc).multiply(BigDecimal.valueOf(4)), mc);
        return pi.round(new MathContext(n + 1, RoundingMode.HALF_EVEN)).toPlainString();
    }

    /** atan(1/x) = 1/x - 1/(3x^3) + 1/(5x^5) - ... */
    private static BigDecimal atanInverse(int x, MathContext mc) {
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        BigDecimal xSquared = BigDecimal.valueOf((long) x * x);
        BigDecimal power = BigDecimal.ONE.divide(BigDecimal.valueOf(x), mc);
        BigDecimal sum = power;
        for (int k = 1; power.compareTo(eps) > 0; k++) {
            power = power.divide(xSquared, mc);
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), mc);
            sum = k % 2 == 1 ? sum.subtract(term, mc) : sum.add(term, mc);
        }
        return sum;
    }
}
