package io.jasyncio.net;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Counts this process's open file descriptors (Linux: the entries of /proc/self/fd). */
final class FdCount {

    private FdCount() {
    }

    static int now() {
        String[] names = new File("/proc/self/fd").list();
        return names == null ? -1 : names.length;
    }

    /** What each descriptor points at ("socket:[123]", a path, ...), for failure messages. */
    static List<String> targets() {
        List<String> out = new ArrayList<>();
        File[] fds = new File("/proc/self/fd").listFiles();
        if (fds != null) {
            for (File f : fds) {
                try {
                    out.add(f.getName() + "->" + Files.readSymbolicLink(f.toPath()));
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return out;
    }
}
