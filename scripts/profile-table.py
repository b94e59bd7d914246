#!/usr/bin/env python3
"""profile-table.py DIR SERVER... - scripts/profile-echo.sh's profiles as time per echoed message.

Each sample's innermost frame is put in a layer (kernel, continuation: the JDK's Continuation and the
JVM's freeze and thaw, jasyncio, netty, nio+jdk, libc, other); a layer's share of the samples times the
server's CPU time per message (its process CPU over the load run / req/s) is its time per message.
"""
import collections, json, sys

LAYERS = ("kernel", "continuation", "jasyncio", "netty", "nio+jdk", "libc", "other")


def layer(frame):
    if frame.endswith("_[k]"):
        return "kernel"
    if frame.startswith("io/jasyncio"):
        return "jasyncio"
    if frame.startswith("io/netty"):
        return "netty"
    if frame.startswith("jdk/internal/vm") or any(k in frame for k in ("reeze", "Thaw", "thaw", "Continuation", "StackChunk", "requires_barriers", "AccessInternal")):
        return "continuation"
    if frame.startswith(("sun/", "java/", "jdk/", "Java_")) or frame in ("fdval", "convertReturnVal"):
        return "nio+jdk"
    if frame.startswith("__") or frame in ("read", "write", "epoll_wait", "[vdso]") or "mem" in frame:
        return "libc"
    return "other"


def main():
    out, servers = sys.argv[1], sys.argv[2:]
    print("| server | µs/msg | " + " | ".join(f"{l} ns" for l in LAYERS) + " | costliest user-space frames (ns/msg) |")
    print("|---|---|" + "---|" * len(LAYERS) + "---|")
    for s in servers:
        load = [json.loads(l) for l in open(f"{out}/{s}.load.json") if l.startswith("{")][0]
        us = load["server_cpu_pct"] * 1e4 / load["rps"]
        total = 0
        frames = collections.Counter()
        for line in open(f"{out}/{s}.collapsed"):
            stack, n = line.rstrip().rsplit(" ", 1)
            frames[stack.split(";")[-1]] += int(n)
            total += int(n)
        ns = lambda n: n / total * us * 1000
        layers = collections.Counter()
        for f, n in frames.items():
            layers[layer(f)] += n
        top = [(f, n) for f, n in frames.most_common() if layer(f) not in ("kernel", "libc")][:6]
        print(f"| {s} | {us:.2f} | " + " | ".join(f"{ns(layers[l]):.0f}" for l in LAYERS) + " | "
              + "; ".join(f"{f.rsplit('/', 1)[-1][:40]} {ns(n):.0f}" for f, n in top) + " |")


if __name__ == "__main__":
    main()
