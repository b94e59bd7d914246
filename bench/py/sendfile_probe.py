"""sendfile_probe.py PORT FILE MODE ROUNDS --loop asyncio|uvloop: the Python side of SendfileProbe.

MODE sendfile: loop.sendfile(transport, file) (asyncio uses os.sendfile on a socket transport; a loop
without it falls back to reading and writing chunks); MODE write: read 64 KiB chunks and
transport.write them, waiting on drain (a StreamWriter). Prints one JSON line like SendfileProbe's,
with the process CPU time per GiB (the loop is the only busy thread).
"""
import argparse, asyncio, json, resource, time


async def main(a):
    loop = asyncio.get_running_loop()
    total = 0
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    for _ in range(a.rounds):
        reader, writer = await asyncio.open_connection("127.0.0.1", a.port)
        with open(a.file, "rb") as f:
            if a.mode == "sendfile":
                try:
                    total += await loop.sendfile(writer.transport, f)
                except NotImplementedError:
                    print(json.dumps({"impl": a.loop, "mode": a.mode, "error": "loop.sendfile is not implemented"}))
                    writer.close()
                    return
            else:
                while chunk := f.read(65536):
                    writer.write(chunk)
                    total += len(chunk)
                    await writer.drain()
        writer.close()
        await writer.wait_closed()
    secs = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    print(json.dumps({"impl": a.loop, "mode": a.mode, "bytes": total, "seconds": round(secs, 3),
                      "gb_per_s": round(total / secs / 1e9, 2), "cpu_s_per_gib": round(cpu / (total / 2**30), 3)}))


p = argparse.ArgumentParser()
p.add_argument("port", type=int); p.add_argument("file"); p.add_argument("mode"); p.add_argument("rounds", type=int)
p.add_argument("--loop", default="asyncio")
a = p.parse_args()
if a.loop == "uvloop":
    import uvloop
    uvloop.install()
asyncio.run(main(a))
