package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;

/**
 * Example 3-20, an async context manager written as a class (B:3313-3343): {@code Connection(host,
 * port)} whose {@code __aenter__} awaits {@code get_conn(host, port)} and whose {@code __aexit__}
 * awaits {@code conn.close()}. {@code async with} is try-with-resources: {@link Connection#aenter()}
 * is {@code __aenter__} (it returns the resource, so if it fails the block never runs and nothing is
 * closed, as in Python) and {@link Connection#close()} is {@code __aexit__}, run when the block ends,
 * normally or by an exception. Both may suspend.
 *
 * <p>The book's {@code get_conn} is made up and its port 9001 has no server: this program uses a local
 * stand-in connection whose opening and closing each take a tenth of a second of {@code Aio.sleep}. It
 * runs the block twice, the second time raising, to show that {@code __aexit__} runs either way.
 * Output (the book shows none):
 * <pre>
 * get_conn('localhost', 9001): connected
 * &lt;do stuff with conn&gt;: conn to localhost:9001
 * conn.close(): closed conn to localhost:9001
 * get_conn('localhost', 9001): connected
 * &lt;do stuff with conn&gt;: conn to localhost:9001, then an error
 * conn.close(): closed conn to localhost:9001
 * the error left the block: java.lang.IllegalStateException: something went wrong
 * </pre>
 * Deviations: the book's {@code __aenter__} returns {@code conn}, a name it never defined (it means
 * {@code self.conn}); here it returns the {@code Connection}, which hands out the connection with
 * {@link Connection#conn()}. Java's {@code close()} does not receive the block's exception, which
 * {@code __aexit__(exc_type, exc, tb)} does.
 */
public final class AsyncConnection {

    private AsyncConnection() {
    }

    /** A stand-in for what the book's made-up {@code get_conn} returns: an open connection. */
    static final class Conn {

        private final String host;
        private final int port;

        Conn(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** Closes the connection; a coroutine (it suspends a tenth of a second). */
        void close() {
            Aio.sleep(0.1);
            System.out.println("conn.close(): closed " + this);
        }

        @Override
        public String toString() {
            return "conn to " + host + ":" + port;
        }
    }

    /** The book's made-up {@code async def get_conn(host, port)}: opens a stand-in connection. */
    static Conn getConn(String host, int port) {
        Aio.sleep(0.1);
        System.out.println("get_conn('" + host + "', " + port + "): connected");
        return new Conn(host, port);
    }

    /** The book's {@code class Connection}, an async context manager. */
    static final class Connection implements AutoCloseable {

        private final String host;
        private final int port;
        private Conn conn;

        Connection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** {@code async def __aenter__(self)}: connects, suspending meanwhile. */
        Connection aenter() {
            this.conn = getConn(host, port);
            return this;
        }

        /** The connection {@link #aenter()} opened. */
        Conn conn() {
            return conn;
        }

        /** {@code async def __aexit__(self, exc_type, exc, tb)}: closes the connection, suspending meanwhile. */
        @Override
        public void close() {
            conn.close();
        }
    }

    static void main() {
        try (Connection conn = new Connection("localhost", 9001).aenter()) {
            System.out.println("<do stuff with conn>: " + conn.conn());
        }
        try {
            try (Connection conn = new Connection("localhost", 9001).aenter()) {
                System.out.println("<do stuff with conn>: " + conn.conn() + ", then an error");
                throw new IllegalStateException("something went wrong");
            }
        } catch (IllegalStateException e) {
            System.out.println("the error left the block: " + e);
        }
    }

    /** Runs the program. */
    public static void main(String[] args) {
        Aio.run(() -> main());
    }
}
