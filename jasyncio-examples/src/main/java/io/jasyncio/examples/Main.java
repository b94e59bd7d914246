package io.jasyncio.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code ./aio} command line: {@code ./aio list} shows the programs, {@code ./aio <program> [args]}
 * runs one, {@code ./aio --help} explains. The programs come from {@link Programs}.
 *
 * <p>Exit codes: 0 when the program ran to its end, 1 when it raised, 2 for a usage error (no program
 * named, or an unknown one).
 */
@Command(name = "aio", mixinStandardHelpOptions = true, version = "aio (jasyncio) 0.1.0",
        customSynopsis = {"./aio list", "       ./aio <program> [args...]", "       ./aio --help"},
        description = {"",
            "Runs the programs of \"Using Asyncio in Python\" (and of the slides and the",
            "blog that go with it), written in Java with jasyncio.", ""},
        subcommands = Main.ListCommand.class,
        footer = {"", "Examples:",
            "  ./aio list                     the programs, one a line, with their source",
            "  ./aio quickstart               runs the book's Example 3-1",
            "  ./aio long-running --seed 7    what follows the name goes to the program", "",
            "Exit status: 0 when the program ran to its end, 1 when it failed,",
            "2 for a usage error (no program named, or an unknown one)."})
public final class Main implements Callable<Integer> {

    /** Exit code of a usage error (unknown program, nothing to run). */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM",
            description = "the program to run; ./aio list shows them")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the program's own arguments")
    List<String> programArgs = new ArrayList<>();

    /** Parses {@code args}, runs what they ask, and exits the JVM with the resulting code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Parses {@code args} and runs what they ask; returns the exit code instead of exiting. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // Everything after the program's name belongs to the program, options included.
        cli.setStopAtPositional(true);
        cli.setUnmatchedOptionsArePositionalParams(true);
        cli.setOut(new PrintWriter(System.out, true));
        cli.setErr(new PrintWriter(System.err, true));
        return cli.execute(args);
    }

    /** Runs the program named on the command line; returns the exit code. */
    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (program == null) {
            err.println("aio: name a program to run, or 'list' to see them.");
            spec.commandLine().usage(err);
            return USAGE;
        }
        Program p = Programs.find(program).orElse(null);
        if (p == null) {
            err.println("aio: unknown program '" + program + "'. Run './aio list' to see the programs.");
            return USAGE;
        }
        try {
            p.run(programArgs.toArray(String[]::new));
            return 0;
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("program " + p.name() + " failed", t);
        }
    }

    /** {@code ./aio list}: one line per program, its name then its description and source. */
    @Command(name = "list", description = "lists the programs, one a line")
    static final class ListCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        /** Prints {@link #listing()}; returns 0. */
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (String line : listing()) {
                out.println(line);
            }
            out.flush();
            return 0;
        }
    }

    /** The lines of {@code ./aio list}: the name, padded, then the description and the source. */
    public static List<String> listing() {
        int width = Programs.all().stream().mapToInt(p -> p.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (Program p : Programs.all()) {
            lines.add(String.format("%-" + width + "s  %s (%s)", p.name(), p.description(), p.source()));
        }
        return lines;
    }
}
