package io.jasyncio.examples.mq;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command-line options of the message-queue programs, in argparse's {@code --name value} (or
 * {@code --name=value}) form, with the book's defaults given by each program. An unknown option or a
 * missing value raises {@link IllegalArgumentException} with a usage line.
 */
final class MqOptions {

    private final Map<String, String> values = new HashMap<>();

    private MqOptions() {
    }

    /** Parses {@code args}, accepting only the options named in {@code defaults}, which also gives their defaults. */
    static MqOptions parse(String program, String[] args, Map<String, String> defaults) {
        MqOptions o = new MqOptions();
        o.values.putAll(defaults);
        Set<String> known = defaults.keySet();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else if (a.startsWith("--") && i + 1 < args.length) {
                name = a.substring(2);
                value = args[++i];
            } else {
                throw usage(program, defaults, "option needs a value: " + a);
            }
            if (!known.contains(name)) {
                throw usage(program, defaults, "unknown option --" + name);
            }
            o.values.put(name, value);
        }
        return o;
    }

    private static IllegalArgumentException usage(String program, Map<String, String> defaults, String problem) {
        StringBuilder sb = new StringBuilder(problem).append("\nusage: ./aio ").append(program);
        defaults.keySet().stream().sorted().forEach(k -> sb.append(" [--").append(k).append(' ')
                .append(k.toUpperCase().replace('-', '_')).append(']'));
        return new IllegalArgumentException(sb.toString());
    }

    String string(String name) {
        return values.get(name);
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    long longValue(String name) {
        return Long.parseLong(values.get(name));
    }

    double number(String name) {
        return Double.parseDouble(values.get(name));
    }
}
