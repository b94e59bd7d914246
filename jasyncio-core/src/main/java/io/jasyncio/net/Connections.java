package io.jasyncio.net;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The loop's networking coroutines (asyncio {@code create_connection}, {@code create_server},
 * {@code create_unix_connection}, {@code create_unix_server}, {@code create_datagram_endpoint}); the
 * loop's methods of the same names delegate here. Those that suspend say so; a cancelled call closes
 * whatever socket it had opened and re-raises {@code CancelledError}.
 */
public final class Connections {

    /** asyncio's default listen backlog. */
    public static final int DEFAULT_BACKLOG = 100;

    private Connections() {
    }

    // ---- client connections --------------------------------------------------------------------

    /**
     * Connects to {@code host:port} and returns the transport with its protocol (asyncio
     * {@code create_connection}). Suspends while resolving {@code host} (on the default executor, unless
     * it is an IP literal) and connecting; tries each resolved address in turn and raises the error of
     * the last one, or an {@code IOException} listing them all when they differ. The call returns after
     * the protocol's {@code connectionMade} ran. Cancellable: the socket is closed.
     */
    public static <P extends ConnectionProtocol> Connection<P> createConnection(SelectorEventLoop loop,
            Supplier<? extends P> factory, String host, int port) throws IOException {
        return createConnection(loop, factory, host, port, null);
    }

    /**
     * {@link #createConnection(SelectorEventLoop, Supplier, String, int)} from a local address
     * ({@code local_addr}): the socket is bound to {@code localAddress} before connecting.
     */
    public static <P extends ConnectionProtocol> Connection<P> createConnection(SelectorEventLoop loop,
            Supplier<? extends P> factory, String host, int port, InetSocketAddress localAddress) throws IOException {
        SocketChannel ch = connectTcp(loop, host, port, localAddress);
        return wrap(loop, ch, factory);
    }

    /**
     * Wraps an already connected socket (asyncio {@code create_connection(sock=...)}). Suspends until the
     * protocol's {@code connectionMade} ran. Cancellable: the transport is closed.
     */
    public static <P extends ConnectionProtocol> Connection<P> createConnection(SelectorEventLoop loop,
            Supplier<? extends P> factory, SocketChannel socket) {
        return wrap(loop, socket, factory);
    }

    /**
     * Connects to the Unix domain socket at {@code path} (asyncio {@code create_unix_connection}).
     * Suspends until connected and the protocol's {@code connectionMade} ran. Cancellable.
     */
    public static <P extends ConnectionProtocol> Connection<P> createUnixConnection(SelectorEventLoop loop,
            Supplier<? extends P> factory, Path path) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            loop.sockConnect(ch, UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            closeQuietly(ch);
            IOException wrapped = new ConnectException("Connect call failed " + path + ": " + e.getMessage());
            wrapped.initCause(e);
            throw wrapped;
        } catch (Throwable e) {
            closeQuietly(ch);
            throw e;
        }
        return wrap(loop, ch, factory);
    }

    /**
     * Opens a TCP socket connected to {@code host:port}, trying each resolved address in turn: the first
     * half of {@code createConnection}, for transports that wrap the socket themselves (TLS). Suspends;
     * cancellable (the socket is closed).
     */
    public static SocketChannel connectTcp(SelectorEventLoop loop, String host, int port,
                                           InetSocketAddress localAddress) throws IOException {
        List<InetSocketAddress> addresses = resolve(loop, host, port);
        if (localAddress != null && localAddress.isUnresolved()) {
            localAddress = resolve(loop, localAddress.getHostString(), localAddress.getPort()).getFirst();
        }
        List<IOException> errors = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            if (localAddress != null && family(localAddress) != family(address)) {
                continue;
            }
            SocketChannel ch = SocketChannel.open(family(address));
            try {
                if (localAddress != null) {
                    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    try {
                        ch.bind(localAddress);
                    } catch (IOException e) {
                        BindException b = new BindException("error while attempting to bind on address "
                                + localAddress + ": " + e.getMessage());
                        b.initCause(e);
                        throw b;
                    }
                }
                loop.sockConnect(ch, address);
                return ch;
            } catch (BindException e) {
                closeQuietly(ch);
                errors.add(e);
            } catch (IOException e) {
                closeQuietly(ch);
                ConnectException c = new ConnectException("Connect call failed " + address + ": " + e.getMessage());
                c.initCause(e);
                errors.add(c);
            } catch (Throwable e) {
                closeQuietly(ch);
                throw e;
            }
        }
        if (errors.isEmpty()) {
            throw new IOException("no address of " + host + " matches the family of the local address " + localAddress);
        }
        if (errors.size() == 1) {
            throw errors.getFirst();
        }
        Set<String> messages = new LinkedHashSet<>();
        for (IOException e : errors) {
            messages.add(e.getMessage());
        }
        if (messages.size() == 1) {
            throw errors.getFirst();
        }
        IOException all = new ConnectException("Multiple exceptions: " + String.join(", ", messages));
        for (IOException e : errors) {
            all.addSuppressed(e);
        }
        throw all;
    }

    private static <P extends ConnectionProtocol> Connection<P> wrap(SelectorEventLoop loop, SocketChannel ch,
                                                                      Supplier<? extends P> factory) {
        P protocol;
        SocketTransport transport;
        Future<Void> waiter = loop.createFuture();
        try {
            protocol = factory.get();
            transport = new SocketTransport(loop, ch, protocol, waiter, null);
        } catch (Throwable e) {
            closeQuietly(ch);
            throw e;
        }
        try {
            Aio.await(waiter);
        } catch (Throwable e) {
            transport.close();
            throw e;
        }
        return new Connection<>(transport, protocol);
    }

    // ---- servers -------------------------------------------------------------------------------

    /**
     * {@link #createServer(SelectorEventLoop, Supplier, String, int, int, boolean, boolean)} with
     * asyncio's defaults: backlog 100, no {@code SO_REUSEPORT}, serving at once.
     */
    public static Server createServer(SelectorEventLoop loop, Supplier<? extends ConnectionProtocol> factory,
                                      String host, int port) throws IOException {
        return createServer(loop, factory, host, port, DEFAULT_BACKLOG, false, true);
    }

    /**
     * Listens on {@code host:port} and serves each connection with a protocol from {@code factory}
     * (asyncio {@code create_server}). {@code host} {@code null} or empty listens on all interfaces (one
     * dual-stack socket); a name listens on each address it resolves to; {@code port} 0 picks a free port
     * (see {@link Server#sockets()}). {@code SO_REUSEADDR} is on, as in asyncio on Unix;
     * {@code reusePort} sets {@code SO_REUSEPORT}, so several loops can share the port. Suspends only to
     * resolve a host name. Raises {@link BindException} naming the address when it is taken.
     */
    public static Server createServer(SelectorEventLoop loop, Supplier<? extends ConnectionProtocol> factory,
                                      String host, int port, int backlog, boolean reusePort, boolean startServing)
            throws IOException {
        List<InetSocketAddress> addresses;
        if (host == null || host.isEmpty()) {
            addresses = List.of(new InetSocketAddress(port));
        } else {
            addresses = new ArrayList<>(new LinkedHashSet<>(resolve(loop, host, port)));
        }
        List<ServerSocketChannel> sockets = new ArrayList<>();
        try {
            for (InetSocketAddress address : addresses) {
                ServerSocketChannel s = address.getAddress().isAnyLocalAddress()
                        ? ServerSocketChannel.open() : ServerSocketChannel.open(family(address));
                sockets.add(s);
                s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (reusePort) {
                    if (!s.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                        throw new IllegalArgumentException("reusePort is not supported on this platform");
                    }
                    s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                try {
                    s.bind(address, backlog);
                } catch (IOException e) {
                    BindException b = new BindException("error while attempting to bind on address "
                            + address + ": " + e.getMessage());
                    b.initCause(e);
                    throw b;
                }
                s.configureBlocking(false);
            }
        } catch (Throwable e) {
            for (ServerSocketChannel s : sockets) {
                closeQuietly(s);
            }
            throw e;
        }
        return serve(loop, sockets, factory, backlog, null, startServing);
    }

    /**
     * Serves connections on an already bound and listening socket (asyncio {@code create_server(sock=...)}).
     * Does not suspend.
     */
    public static Server createServer(SelectorEventLoop loop, Supplier<? extends ConnectionProtocol> factory,
                                      ServerSocketChannel socket, int backlog, boolean startServing) throws IOException {
        socket.configureBlocking(false);
        Path path = socket.getLocalAddress() instanceof UnixDomainSocketAddress u ? u.getPath() : null;
        return serve(loop, List.of(socket), factory, backlog, path, startServing);
    }

    /** {@link #createUnixServer(SelectorEventLoop, Supplier, Path, int, boolean)} with backlog 100, serving at once. */
    public static Server createUnixServer(SelectorEventLoop loop, Supplier<? extends ConnectionProtocol> factory,
                                          Path path) throws IOException {
        return createUnixServer(loop, factory, path, DEFAULT_BACKLOG, true);
    }

    /**
     * Listens on a Unix domain socket at {@code path} (asyncio {@code create_unix_server}). A stale socket
     * file left at {@code path} is removed first (any other file makes it fail); closing the server
     * removes the file. Does not suspend.
     */
    public static Server createUnixServer(SelectorEventLoop loop, Supplier<? extends ConnectionProtocol> factory,
                                          Path path, int backlog, boolean startServing) throws IOException {
        removeStaleSocket(path);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            try {
                s.bind(UnixDomainSocketAddress.of(path), backlog);
            } catch (IOException e) {
                BindException b = new BindException("error while attempting to bind on address "
                        + path + ": " + e.getMessage());
                b.initCause(e);
                throw b;
            }
            s.configureBlocking(false);
        } catch (Throwable e) {
            closeQuietly(s);
            throw e;
        }
        return serve(loop, List.of(s), factory, backlog, path, startServing);
    }

    private static void removeStaleSocket(Path path) throws IOException {
        Object mode;
        try {
            mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return;
        }
        if (mode instanceof Integer m && (m & 0170000) == 0140000) {
            Files.deleteIfExists(path);
        }
    }

    private static Server serve(SelectorEventLoop loop, List<ServerSocketChannel> sockets,
                                Supplier<? extends ConnectionProtocol> factory, int backlog, Path unixPath,
                                boolean startServing) {
        Server server = new Server(loop, sockets, factory, Math.max(1, backlog), unixPath);
        if (startServing) {
            server.startServing();
        }
        return server;
    }

    // ---- datagrams -----------------------------------------------------------------------------

    /**
     * {@link #createDatagramEndpoint(SelectorEventLoop, Supplier, SocketAddress, SocketAddress, boolean, boolean)}
     * without {@code SO_REUSEPORT} or {@code SO_BROADCAST}.
     */
    public static <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(SelectorEventLoop loop,
            Supplier<? extends P> factory, SocketAddress local, SocketAddress remote) throws IOException {
        return createDatagramEndpoint(loop, factory, local, remote, false, false);
    }

    /**
     * Opens a UDP endpoint (asyncio {@code create_datagram_endpoint}): bound to {@code local} if given
     * (port 0 picks one), connected to {@code remote} if given (then {@code sendto} takes a {@code null}
     * address and ICMP errors reach {@code errorReceived}). Unresolved addresses are resolved on the
     * default executor. Suspends until the protocol's {@code connectionMade} ran; cancellable.
     */
    public static <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(SelectorEventLoop loop,
            Supplier<? extends P> factory, SocketAddress local, SocketAddress remote, boolean reusePort,
            boolean allowBroadcast) throws IOException {
        if (local == null && remote == null) {
            throw new IllegalArgumentException("local or remote address must be given");
        }
        InetSocketAddress l = resolveDatagram(loop, local);
        InetSocketAddress r = resolveDatagram(loop, remote);
        ProtocolFamily fam = family(r != null ? r : l);
        DatagramChannel ch = DatagramChannel.open(fam);
        P protocol;
        UdpTransport transport;
        Future<Void> waiter = loop.createFuture();
        try {
            if (reusePort) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            if (allowBroadcast) {
                ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            }
            if (l != null) {
                ch.bind(l);
            }
            if (r != null) {
                ch.connect(r);
            }
            ch.configureBlocking(false);
            protocol = factory.get();
            transport = new UdpTransport(loop, ch, protocol, r, waiter);
        } catch (Throwable e) {
            closeQuietly(ch);
            throw e;
        }
        try {
            Aio.await(waiter);
        } catch (Throwable e) {
            transport.abort();
            throw e;
        }
        return new DatagramEndpoint<>(transport, protocol);
    }

    private static InetSocketAddress resolveDatagram(SelectorEventLoop loop, SocketAddress address) throws IOException {
        if (address == null) {
            return null;
        }
        if (!(address instanceof InetSocketAddress inet)) {
            throw new IllegalArgumentException("UDP needs an InetSocketAddress, not " + address);
        }
        if (!inet.isUnresolved()) {
            return inet;
        }
        return resolve(loop, inet.getHostString(), inet.getPort()).getFirst();
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * Resolves {@code host}: an IP literal at once, a name on the loop's default executor (asyncio
     * {@code getaddrinfo}); suspends in the second case. Raises {@link java.net.UnknownHostException}.
     */
    static List<InetSocketAddress> resolve(SelectorEventLoop loop, String host, int port) throws IOException {
        if (host == null) {
            throw new IllegalArgumentException("host is required");
        }
        try {
            return List.of(new InetSocketAddress(InetAddress.ofLiteral(host), port));
        } catch (IllegalArgumentException notLiteral) {
            // a name: resolve it off the loop thread
        }
        List<InetSocketAddress> out = loop.getaddrinfo(host, port);
        if (out.isEmpty()) {
            throw new IOException("getaddrinfo() returned empty list for " + host);
        }
        return out;
    }

    private static ProtocolFamily family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do for a socket we are dropping
        }
    }
}
