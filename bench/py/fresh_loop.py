"""fresh_loop.py - the event loop the Python benchmarks (core_bench.py, sync_bench.py) measure on:
CPython asyncio's or uvloop's, a new one for every timed run."""
import asyncio


def new_loop(kind):
    """A new event loop of `kind`: "asyncio" or "uvloop"."""
    if kind == "uvloop":
        import uvloop
        return uvloop.new_event_loop()
    if kind == "asyncio":
        return asyncio.new_event_loop()
    raise SystemExit(f"unknown loop {kind!r}: use asyncio or uvloop")


def run_fresh(kind, coro_fn):
    """Runs coro_fn() to completion on a new loop of `kind`, closes the loop, returns the result."""
    loop = new_loop(kind)
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(coro_fn())
    finally:
        asyncio.set_event_loop(None)
        loop.close()
