# The book's listener (Example 4-3), as a test peer: flushes each line, and ends on a clean EOF.
import argparse
import asyncio
import sys
import uuid

from msgproto import read_msg, send_msg


async def main(args):
    me = uuid.uuid4().hex[:8]
    print(f'Starting up {me}', flush=True)
    reader, writer = await asyncio.open_connection(args.host, int(args.port))
    print(f'I am {writer.get_extra_info("sockname")}', flush=True)
    await send_msg(writer, args.listen.encode())
    try:
        while True:
            data = await read_msg(reader)
            print(f'Received by {me}: {data[:20]}', flush=True)
    except asyncio.IncompleteReadError:
        print('Server closed.', flush=True)
    finally:
        writer.close()
        await writer.wait_closed()


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', default='localhost')
    parser.add_argument('--port', default=25000)
    parser.add_argument('--listen', default='/topic/foo')
    try:
        asyncio.run(main(parser.parse_args()))
    except KeyboardInterrupt:
        print('Bye!')
