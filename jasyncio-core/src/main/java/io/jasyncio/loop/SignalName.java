package io.jasyncio.loop;

/** The POSIX signals a loop can handle (Python's {@code signal.Signals}). */
public enum SignalName {
    /** Interrupt from the keyboard (Ctrl-C). */
    SIGINT("INT"),
    /** Termination request (the default of {@code kill}). */
    SIGTERM("TERM"),
    /** Hang-up: by convention, reload configuration or report. */
    SIGHUP("HUP"),
    /** User-defined signal 1. */
    SIGUSR1("USR1"),
    /** User-defined signal 2. */
    SIGUSR2("USR2");

    private final String jvmName;

    SignalName(String jvmName) {
        this.jvmName = jvmName;
    }

    /** The name the JVM knows the signal by ({@code INT}, {@code TERM}, ...). */
    public String jvmName() {
        return jvmName;
    }
}
