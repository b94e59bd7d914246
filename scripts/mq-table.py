#!/usr/bin/env python3
"""mq-table.py RAW.jsonl - medians of scripts/bench-mq.sh's raw lines, as markdown tables.

Throughput (suite "mq"): per case and payload size, per broker over its rounds: delivered messages/s
(summed over the 10 subscribers; median, min-max), payload MB/s delivered, the broker process's CPU time
per delivered message (user+sys from /proc/PID/stat), the same for its core (CPU 0 busy share, which also
holds the kernel's loopback work done there), the ratio of the median msg/s to uvloop's, which core was
>= 95 % busy, and the core-speed probe (ns; about 2.6 is a quiet host).
Fan-out (suite "mq-fanout"): subscribers reached by one message, the time it took, and the broker's
memory per subscriber: RSS delta, and for the JVM the heap in use after a full GC.
"""
import json
import statistics
import sys

med = statistics.median
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
mq = [r for r in rows if r.get("suite") == "mq"]
fan = [r for r in rows if r.get("suite") == "mq-fanout"]
order = []
for r in rows:
    if r["broker"] not in order:
        order.append(r["broker"])
CASE = {"topic": "1 sender → 10 topic subscribers", "queue": "10 senders → 10 queue workers"}


def bound(r):
    s, c = r.get("server_core_busy_pct", 0) >= 95, r.get("client_core_busy_pct", 0) >= 95
    return "both" if s and c else "server" if s else "client" if c else "-"


if mq:
    print("| case | payload | broker | n | msg/s median (min–max) | MB/s | srv proc µs/msg | srv core µs/msg "
          "| × uvloop | bound | probe ns cpu0/1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for case in [c for c in CASE if any(r["case"] == c for r in mq)]:
        for size in sorted({r["size"] for r in mq if r["case"] == case}):
            base = [r["msgs_per_s"] for r in mq if r["case"] == case and r["size"] == size and r["broker"] == "uvloop"]
            for b in order:
                g = [r for r in mq if r["case"] == case and r["size"] == size and r["broker"] == b]
                if not g:
                    continue
                rate = [x["msgs_per_s"] for x in g]
                proc = med(x["server_cpu_pct"] * 1e4 / x["msgs_per_s"] for x in g)
                core = med(x["server_core_busy_pct"] * 1e4 / x["msgs_per_s"] for x in g)
                ratio = f"{med(rate) / med(base):.1f}" if base else "–"
                bounds = sorted({bound(x) for x in g})
                print(f"| {CASE[case]} | {size:,} B | {b} | {len(g)} | {med(rate):,.0f} ({min(rate):,.0f}–{max(rate):,.0f}) "
                      f"| {med(x['mbps'] for x in g):,.1f} | {proc:.2f} | {core:.2f} | {ratio} | {'/'.join(bounds)} "
                      f"| {med(x['probe_ns_cpu0'] for x in g):.1f}/{med(x['probe_ns_cpu1'] for x in g):.1f} |")
    bad = [r for r in mq if r.get("errors") or r.get("bad_size") or r.get("verify_failures") or r.get("client_rc")]
    if bad:
        print(f"\n{len(bad)} run(s) with errors, wrongly framed or wrong payloads: "
              + ", ".join(f"{r['broker']} {r['case']} {r['size']} round {r.get('round')}" for r in bad))

if fan:
    if mq:
        print()
    print("| broker | subscribers | reached | fan-out of one message | RSS before → with subscribers "
          "| RSS B/subscriber | heap after full GC B/subscriber |")
    print("|---|---|---|---|---|---|---|")
    for r in fan:
        n = r["subscribers"]
        hb, ha = r.get("hook_before") or {}, r.get("hook_after") or {}
        heap = "–"
        if "heap_used_kib" in hb and "heap_used_kib" in ha:
            heap = f"{(ha['heap_used_kib'] - hb['heap_used_kib']) * 1024 / n:,.0f}"
        print(f"| {r['broker']} | {n:,} | {r['reached']:,} | {r['fanout_ms']:,.0f} ms "
              f"| {r['server_rss_kib_before'] / 1024:,.0f} → {r['server_rss_kib_after'] / 1024:,.0f} MiB "
              f"| {r['rss_bytes_per_subscriber']:,.0f} | {heap} |")
