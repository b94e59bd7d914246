package io.jasyncio;

/**
 * Raised inside an async generator at its {@code yield} when it is closed ({@link AsyncGenerator#aclose()}),
 * so that its {@code finally} blocks run (Python's {@code GeneratorExit}). An {@link Error}, so that a
 * {@code catch (Exception e)} in the generator does not swallow it.
 */
public final class GeneratorExit extends Error {

    private static final long serialVersionUID = 1L;

    GeneratorExit() {
        super("async generator closed", null, false, false);
    }
}
