package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.AsyncGenerator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Example 3-27, async list, dict and set comprehensions (B:3975-4038): {@code doubler(n)} is an async
 * generator that yields {@code (i, i * 2)} and sleeps a tenth of a second after each; {@code main()}
 * collects it three ways. An async comprehension is a for-each over the async iterable
 * ({@code [x async for x in doubler(3)]} is {@code doubler(3).toList()}), which may suspend between
 * items.
 *
 * <p>Book output:
 * <pre>
 * [(0, 0), (1, 2), (2, 4)]
 * {0: 0, 1: 2, 2: 4}
 * {(2, 4), (1, 2), (0, 0)}
 * </pre>
 * The tuples, the dict and the set print as Python prints them, so that the lines read as the book's.
 * A set has no order: Java's {@link HashSet} gives {@code {(0, 0), (1, 2), (2, 4)}} where CPython's gave
 * the book its order. Each comprehension takes 0.3 s (three sleeps), 0.9 s in all.
 */
public final class AsyncComprehensions {

    private AsyncComprehensions() {
    }

    /** A Python 2-tuple {@code (a, b)}, printed as Python prints it. */
    record Pair(int a, int b) {

        @Override
        public int hashCode() {
            return 31 * a + b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.a == a && p.b == b;
        }

        @Override
        public String toString() {
            return "(" + a + ", " + b + ")";
        }
    }

    /** The book's {@code async def doubler(n)}. */
    static AsyncGenerator<Pair> doubler(int n) {
        return Aio.asyncGenerator(y -> {
            for (int i = 0; i < n; i++) {
                y.yield(new Pair(i, i * 2));
                Aio.sleep(0.1);
            }
        });
    }

    static void main() {
        List<Pair> list = doubler(3).toList();                  // [x async for x in doubler(3)]
        System.out.println(list);
        Map<Integer, Integer> dict = new LinkedHashMap<>();      // {x: y async for x, y in doubler(3)}
        for (Pair p : doubler(3)) {
            dict.put(p.a(), p.b());
        }
        System.out.println(pythonDict(dict));
        Set<Pair> set = new HashSet<>(doubler(3).toList());     // {x async for x in doubler(3)}
        System.out.println(pythonSet(set));
    }

    /** A dict as Python prints it: {@code {0: 0, 1: 2}}. */
    static String pythonDict(Map<?, ?> dict) {
        return dict.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A set as Python prints it: {@code {(0, 0), (1, 2)}}. */
    static String pythonSet(Set<?> set) {
        return set.stream().map(Objects::toString).collect(Collectors.joining(", ", "{", "}"));
    }

    /** Runs the program ({@code asyncio.run(main())}). */
    public static void main(String[] args) {
        Aio.run(() -> main());
    }
}
