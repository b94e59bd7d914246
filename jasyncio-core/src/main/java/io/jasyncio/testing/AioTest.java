package io.jasyncio.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test whose method body runs as the main task of a fresh loop: on virtual time by default,
 * on the real clock with {@code virtualTime = false}. The method may take the loop
 * ({@code SelectorEventLoop}) or the clock ({@link VirtualClock}) as parameters. The test fails if the
 * loop reports an unhandled error (a pending task destroyed, an exception never retrieved, a callback
 * that raised) unless the test installed its own exception handler.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(AioExtension.class)
public @interface AioTest {

    /** Whether the loop runs on a {@link VirtualClock} (default) or the real clock. */
    boolean virtualTime() default true;

    /** A real-time limit in seconds after which the test task is cancelled and the test fails. */
    double timeoutSeconds() default 60;

    /** Whether the loop runs in debug mode. */
    boolean debug() default false;
}
