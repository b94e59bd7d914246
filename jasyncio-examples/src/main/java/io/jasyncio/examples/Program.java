package io.jasyncio.examples;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * One runnable program of the {@code aio} command: the name it is run by, where it comes from in the
 * seeds (for example "Ex. 3-1"), a one-line description, and the class whose {@code main(String[])}
 * runs it.
 *
 * @param name        the name typed after {@code ./aio}
 * @param source      where the program comes from (book example number, slides, blog)
 * @param description one line saying what the program shows
 * @param mainClass   the class with a {@code public static void main(String[])}
 */
public record Program(String name, String source, String description, Class<?> mainClass) {

    /** Checks that every part is given. */
    public Program {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mainClass, "mainClass");
    }

    /** The program's {@code main(String[])} method; raises if the class has none that is public and static. */
    public MethodHandle mainMethod() {
        try {
            return MethodHandles.publicLookup().findStatic(mainClass, "main",
                    MethodType.methodType(void.class, String[].class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("program " + name + ": " + mainClass.getName()
                    + " has no public static void main(String[])", e);
        }
    }

    /** Runs the program's {@code main} with {@code args} on the calling thread; its exceptions pass through. */
    public void run(String... args) throws Throwable {
        mainMethod().invokeExact(args);
    }
}
