# The book's sender (Example 4-4), as a test peer: --count N stops after N messages.
import argparse
import asyncio
import uuid
from itertools import count

from msgproto import send_msg


async def main(args):
    me = uuid.uuid4().hex[:8]
    print(f'Starting up {me}', flush=True)
    reader, writer = await asyncio.open_connection(host=args.host, port=args.port)
    print(f'I am {writer.get_extra_info("sockname")}', flush=True)
    await send_msg(writer, b'/null')
    chan = args.channel.encode()
    try:
        for i in count():
            if args.count and i >= args.count:
                break
            await asyncio.sleep(args.interval)
            data = b'X' * args.size or f'Msg {i} from {me}'.encode()
            try:
                await send_msg(writer, chan)
                await send_msg(writer, data)
            except OSError:
                print('Connection ended.', flush=True)
                break
        print('Done.', flush=True)
    except asyncio.CancelledError:
        pass
    writer.close()
    try:
        await writer.wait_closed()
    except OSError:
        pass


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', default='localhost')
    parser.add_argument('--port', default=25000, type=int)
    parser.add_argument('--channel', default='/topic/foo')
    parser.add_argument('--interval', default=1, type=float)
    parser.add_argument('--size', default=0, type=int)
    parser.add_argument('--count', default=0, type=int)
    try:
        asyncio.run(main(parser.parse_args()))
    except KeyboardInterrupt:
        print('Bye!')
