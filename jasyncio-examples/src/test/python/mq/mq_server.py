# The book's prototype broker (Example 4-2), as a test peer and a benchmark baseline.
# --uvloop runs it on uvloop; --quiet leaves out the per-message lines; SIGINT/SIGTERM stop it.
import argparse
import asyncio
import signal
from collections import deque, defaultdict

from msgproto import read_msg, send_msg

SUBSCRIBERS = defaultdict(deque)
QUIET = False
CLIENTS = set()


async def client(reader, writer):
    CLIENTS.add(asyncio.current_task())
    peername = writer.get_extra_info('peername')
    subscribe_chan = None
    try:
        subscribe_chan = await read_msg(reader)
        SUBSCRIBERS[subscribe_chan].append(writer)
        print(f'Remote {peername} subscribed to {subscribe_chan}', flush=True)
        while True:
            channel_name = await read_msg(reader)
            data = await read_msg(reader)
            if not QUIET:
                print(f'Sending to {channel_name}: {data[:19]}...', flush=True)
            conns = SUBSCRIBERS[channel_name]
            if conns and channel_name.startswith(b'/queue'):
                conns.rotate()
                conns = [conns[0]]
            await asyncio.gather(*[send_msg(c, data) for c in conns], return_exceptions=True)
    except asyncio.CancelledError:
        print(f'Remote {peername} closing connection.', flush=True)
        writer.close()
        try:
            await asyncio.wait_for(writer.wait_closed(), 5)
        except (OSError, asyncio.TimeoutError):
            pass
    except (asyncio.IncompleteReadError, OSError):
        print(f'Remote {peername} disconnected', flush=True)
    finally:
        print(f'Remote {peername} closed', flush=True)
        if subscribe_chan is not None:
            SUBSCRIBERS[subscribe_chan].remove(writer)
        CLIENTS.discard(asyncio.current_task())


async def main(host, port):
    server = await asyncio.start_server(client, host=host, port=port)
    print(f'Serving on {server.sockets[0].getsockname()}', flush=True)
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    await stop
    server.close()
    tasks = list(CLIENTS)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print('Bye!', flush=True)


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', default=25000, type=int)
    parser.add_argument('--quiet', action='store_true')
    parser.add_argument('--uvloop', action='store_true')
    args = parser.parse_args()
    QUIET = args.quiet
    if args.uvloop:
        import uvloop
        uvloop.install()
    asyncio.run(main(args.host, args.port))
