package io.jasyncio.net.ssl;

import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.TimerHandle;
import io.jasyncio.net.BufferedProtocol;
import io.jasyncio.net.ConnectionProtocol;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Transport;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.util.ArrayDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * TLS as a protocol layer (asyncio {@code sslproto.SSLProtocol}): a {@link BufferedProtocol} on a raw
 * transport that runs a {@link SSLEngine} and gives the application protocol an {@link SslTransport} that
 * reads and writes plain bytes.
 *
 * <p>The states are asyncio's: {@code UNWRAPPED → DO_HANDSHAKE → WRAPPED → FLUSHING → SHUTDOWN}, and
 * {@code UNWRAPPED} again when the connection is gone. The handshake starts when the raw connection is made
 * and is aborted after its timeout (60 s by default); on success the application protocol's
 * {@code connectionMade} gets the TLS transport and the waiter (if any) completes; on failure the waiter
 * gets the engine's {@link SSLHandshakeException}, the peer gets the TLS alert, and the raw connection is
 * closed. Closing the TLS transport sends what is buffered, then {@code close_notify}, waits for the peer's
 * (up to the shutdown timeout, 30 s by default) and closes the raw transport.
 *
 * <p>Certificate checks are the {@link SSLContext}'s; on the client side the server's host name is also
 * checked against its certificate (endpoint identification {@code HTTPS}) unless it is {@code ""}, and sent
 * as SNI when it is a name. The engine's delegated tasks run inline on the loop thread, as Python's
 * {@code ssl} module does its work inline.
 *
 * <p>Flow control has asyncio's two layers: the application is paused when the TLS transport's own
 * buffer passes 512 KiB (its write limits), and encryption stops while the raw transport is paused; the
 * raw transport's reading is paused when more than 256 KiB of ciphertext wait (its read limits), which
 * happens while the application has paused reading.
 */
public final class SslProtocol implements BufferedProtocol {

    /** asyncio's {@code SSL_HANDSHAKE_TIMEOUT}, in seconds. */
    public static final double DEFAULT_HANDSHAKE_TIMEOUT = 60.0;
    /** asyncio's {@code SSL_SHUTDOWN_TIMEOUT}, in seconds. */
    public static final double DEFAULT_SHUTDOWN_TIMEOUT = 30.0;
    /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_WRITE}. */
    static final int WRITE_HIGH_WATER = 512 * 1024;
    /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_READ}. */
    static final int READ_HIGH_WATER = 256 * 1024;
    /** Writes dropped after the connection is gone before a warning is logged (asyncio's threshold). */
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    enum State { UNWRAPPED, DO_HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN }

    /** The application protocol's life: INIT -connectionMade-> CON_MADE [-eofReceived-> EOF] -connectionLost-> CON_LOST. */
    private enum AppState { INIT, CON_MADE, EOF, CON_LOST }

    private final EventLoop loop;
    private final SSLContext sslContext;
    private final SSLEngine engine;
    private final SslEngineIo io;
    private final boolean serverSide;
    private final boolean callConnectionMade;
    private final double handshakeTimeout;
    private final double shutdownTimeout;
    private final SslTransport appTransport;
    private Future<Void> waiter;
    private ConnectionProtocol appProtocol;
    private boolean appIsBuffered;
    private Transport transport;
    private State state = State.UNWRAPPED;
    private AppState appState;
    private int connLost;
    /** Why this layer closed the raw transport, for the {@code connectionLost} that follows. */
    private Throwable closeError;

    /** Application data written and not yet encrypted. */
    private final ArrayDeque<ByteBuffer> writeBacklog = new ArrayDeque<>();
    private long writeBacklogBytes;
    /** Set while decrypted data is being handed to the application, whose callbacks may call back in. */
    private boolean reading;

    private boolean sslWritingPaused;
    private boolean appReadingPaused;
    private boolean sslReadingPaused;
    private boolean appWritingPaused;
    private int incomingHigh;
    private int incomingLow;
    private int outgoingHigh;
    private int outgoingLow;
    private boolean eofReceived;
    private boolean shutdownComplete;
    private TimerHandle handshakeTimer;
    private TimerHandle shutdownTimer;

    private Certificate peerCert;
    private String cipher;

    /**
     * A TLS layer for {@code appProtocol}.
     *
     * @param loop the loop the connection runs on
     * @param appProtocol the application protocol, which will see plain bytes
     * @param sslContext the context (certificates and trust); {@code null} on the client side means the
     *     JDK's default context (the system's trusted certificates)
     * @param waiter completed when the handshake is done (with its error if it fails), or {@code null}
     * @param serverSide whether this end is the TLS server
     * @param serverHostname on the client side, the name the server's certificate must match (also sent as
     *     SNI); {@code ""} checks the certificate chain but no name. Required on the client side.
     * @param callConnectionMade whether to call the application's {@code connectionMade} after the handshake
     *     ({@code false} when upgrading a connection the application already has, as {@code startTls})
     * @param handshakeTimeout seconds, or {@code null} for 60
     * @param shutdownTimeout seconds, or {@code null} for 30
     */
    public SslProtocol(EventLoop loop, ConnectionProtocol appProtocol, SSLContext sslContext, Future<Void> waiter,
            boolean serverSide, String serverHostname, boolean callConnectionMade, Double handshakeTimeout,
            Double shutdownTimeout) {
        if (handshakeTimeout != null && handshakeTimeout <= 0) {
            throw new IllegalArgumentException(
                    "ssl_handshake_timeout should be a positive number, got " + handshakeTimeout);
        }
        if (shutdownTimeout != null && shutdownTimeout <= 0) {
            throw new IllegalArgumentException("ssl_shutdown_timeout should be a positive number, got " + shutdownTimeout);
        }
        if (sslContext == null) {
            if (serverSide) {
                throw new IllegalArgumentException("Server side SSL needs a valid SSLContext");
            }
            try {
                sslContext = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default SSLContext", e);
            }
        }
        if (!serverSide && serverHostname == null) {
            throw new IllegalArgumentException("serverHostname is required on the client side, to check the "
                    + "server's certificate against it (\"\" checks the certificate chain only)");
        }
        this.loop = loop;
        this.sslContext = sslContext;
        this.serverSide = serverSide;
        this.callConnectionMade = callConnectionMade;
        this.handshakeTimeout = handshakeTimeout != null ? handshakeTimeout : DEFAULT_HANDSHAKE_TIMEOUT;
        this.shutdownTimeout = shutdownTimeout != null ? shutdownTimeout : DEFAULT_SHUTDOWN_TIMEOUT;
        this.waiter = waiter;
        this.engine = SslEngineIo.createEngine(sslContext, serverSide, serverHostname);
        this.io = new SslEngineIo(engine, this::sendToPeer, loop);
        this.appState = callConnectionMade ? AppState.INIT : AppState.CON_MADE;
        setAppProtocol(appProtocol);
        setReadBufferLimits(null, null);
        setWriteBufferLimits(null, null);
        this.appTransport = new SslTransport(this);
    }

    // ---- what the application sees -----------------------------------------------------------

    /** The transport the application protocol reads and writes through. */
    public SslTransport appTransport() {
        return appTransport;
    }

    /** The engine (what {@code getExtraInfo("ssl_object")} returns once the handshake is done). */
    public SSLEngine engine() {
        return engine;
    }

    void setAppProtocol(ConnectionProtocol protocol) {
        this.appProtocol = protocol;
        this.appIsBuffered = protocol instanceof BufferedProtocol;
    }

    ConnectionProtocol appProtocol() {
        return appProtocol;
    }

    Object extraInfo(String name) {
        switch (name) {
            case "sslcontext":
                return sslContext;
            case "peercert":
                return peerCert;
            case "cipher":
                return cipher;
            case "ssl_object":
                return cipher != null ? engine : null;
            case "compression":
                return null;
            default:
                Transport t = transport;
                return t != null ? t.getExtraInfo(name) : null;
        }
    }

    // ---- events from the raw transport ---------------------------------------------------------

    /** The raw connection is up: starts the handshake. */
    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        startHandshake();
    }

    /** The raw connection is gone: tells the application (unless it never saw the connection). */
    @Override
    public void connectionLost(Throwable error) {
        writeBacklog.clear();
        writeBacklogBytes = 0;
        connLost++;
        appTransport.markClosed();
        Throwable cause = error != null ? error : closeError;
        // asyncio tells the application only when it saw the connection made: not after a failed handshake
        // of a new connection, but yes for a connection upgraded with startTls.
        if (state != State.DO_HANDSHAKE || !callConnectionMade) {
            if (appState == AppState.CON_MADE || appState == AppState.EOF) {
                appState = AppState.CON_LOST;
                ConnectionProtocol app = appProtocol;
                loop.callSoon(() -> app.connectionLost(cause));
            }
        }
        boolean handshaking = state == State.DO_HANDSHAKE;
        state = State.UNWRAPPED;
        transport = null;
        wakeupWaiter(cause != null || !handshaking ? cause
                : new SocketException("Connection lost during the SSL handshake"));
        cancelTimers();
    }

    /** The free end of the ciphertext buffer, for the raw transport to read into. */
    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return io.getBuffer(sizeHint);
    }

    /** Ciphertext arrived: runs whatever the current state does with it. */
    @Override
    public void bufferUpdated(int nbytes) {
        io.received(nbytes);
        switch (state) {
            case DO_HANDSHAKE -> doHandshake();
            case WRAPPED -> doRead();
            case FLUSHING -> doFlush();
            case SHUTDOWN -> doShutdown();
            default -> {
            }
        }
    }

    /**
     * The peer closed its side of the raw connection. A TLS peer should have sent {@code close_notify}
     * first; as asyncio, a bare EOF still ends the stream normally for the application (after a failed
     * handshake it is an error).
     */
    @Override
    public boolean eofReceived() {
        eofReceived = true;
        try {
            switch (state) {
                case DO_HANDSHAKE -> onHandshakeComplete(
                        new SocketException("Connection reset by peer during the SSL handshake"));
                case WRAPPED -> {
                    state = State.FLUSHING;
                    if (appReadingPaused) {
                        return true;
                    }
                    doFlush();
                }
                case FLUSHING -> {
                    state = State.SHUTDOWN; // doShutdown() sends the backlog first
                    doShutdown();
                }
                case SHUTDOWN -> doShutdown();
                default -> {
                }
            }
        } catch (RuntimeException | Error e) {
            if (transport != null) {
                transport.close();
            }
            throw e;
        }
        return false;
    }

    /** The raw transport's buffer is full: stop encrypting (the application's data waits in the backlog). */
    @Override
    public void pauseWriting() {
        sslWritingPaused = true;
    }

    /** The raw transport's buffer drained: encrypt the backlog. */
    @Override
    public void resumeWriting() {
        sslWritingPaused = false;
        if (state == State.WRAPPED) {
            try {
                doWrite(false);
            } catch (SSLException e) {
                fatalError(e, "Fatal error on SSL protocol");
            }
        }
    }

    // ---- handshake -----------------------------------------------------------------------------

    private void startHandshake() {
        state = State.DO_HANDSHAKE;
        handshakeTimer = loop.callLater(handshakeTimeout, this::checkHandshakeTimeout);
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            onHandshakeComplete(e);
            return;
        }
        doHandshake();
    }

    private void checkHandshakeTimeout() {
        if (state == State.DO_HANDSHAKE) {
            fatalError(new SocketTimeoutException("SSL handshake is taking longer than " + handshakeTimeout
                    + " seconds: aborting the connection"), "SSL handshake timed out");
        }
    }

    private void doHandshake() {
        try {
            while (state == State.DO_HANDSHAKE) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                switch (hs) {
                    case NEED_TASK -> io.runDelegatedTasks();
                    case NEED_WRAP -> {
                        SSLEngineResult r = io.wrapHandshake();
                        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                            onHandshakeComplete(null);
                            return;
                        }
                        if (r.getStatus() == Status.CLOSED) {
                            throw new SSLHandshakeException("the SSL engine closed during the handshake");
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        SSLEngineResult r = io.unwrapInto(io.appIn());
                        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                            onHandshakeComplete(null);
                            return;
                        }
                        switch (r.getStatus()) {
                            case BUFFER_UNDERFLOW -> {
                                return; // wait for more ciphertext
                            }
                            case BUFFER_OVERFLOW -> io.growAppIn();
                            case CLOSED -> throw new SSLHandshakeException(
                                    "the peer closed the connection during the SSL handshake");
                            default -> {
                            }
                        }
                    }
                    default -> {
                        onHandshakeComplete(null);
                        return;
                    }
                }
            }
        } catch (SSLException e) {
            sendAlert();
            onHandshakeComplete(e);
        }
    }

    private void onHandshakeComplete(Exception handshakeError) {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (handshakeError != null) {
            state = State.UNWRAPPED;
            String message = causedBy(handshakeError, CertificateException.class)
                    ? "SSL handshake failed on verifying the certificate"
                    : "SSL handshake failed";
            // Not abort(): the alert just queued tells the peer why, so let it go out first.
            closeWithError(handshakeError, message);
            wakeupWaiter(handshakeError);
            return;
        }
        state = State.WRAPPED;
        try {
            Certificate[] chain = engine.getSession().getPeerCertificates();
            peerCert = chain.length > 0 ? chain[0] : null;
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            peerCert = null;
        }
        cipher = engine.getSession().getCipherSuite();
        try {
            // A TLS 1.3 server sends its session tickets now.
            io.runHandshakeWork(engine.getHandshakeStatus());
        } catch (SSLException e) {
            fatalError(e, "Fatal error on SSL protocol");
            wakeupWaiter(e);
            return;
        }
        if (appState == AppState.INIT) {
            appState = AppState.CON_MADE;
            appProtocol.connectionMade(appTransport);
        }
        wakeupWaiter(null);
        if (state == State.WRAPPED && !writeBacklog.isEmpty()) {
            try {
                doWrite(false);
            } catch (SSLException e) {
                fatalError(e, "Fatal error on SSL protocol");
                return;
            }
        }
        // Application data may have come with the end of the handshake.
        doRead();
    }

    /** After a failed handshake the engine holds an alert for the peer: send it. */
    private void sendAlert() {
        try {
            for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                SSLEngineResult r = io.wrapHandshake();
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException | RuntimeException ignored) {
            // The alert is a courtesy.
        }
    }

    // ---- shutdown ------------------------------------------------------------------------------

    /** The application closed its transport: flush, send {@code close_notify}, wait for the peer's. */
    void startShutdown() {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            return;
        }
        appTransport.markClosed();
        if (state == State.DO_HANDSHAKE) {
            abort();
        } else {
            state = State.FLUSHING;
            shutdownTimer = loop.callLater(shutdownTimeout, this::checkShutdownTimeout);
            doFlush();
        }
    }

    private void checkShutdownTimeout() {
        if (state == State.FLUSHING || state == State.SHUTDOWN) {
            // asyncio raises its TimeoutError here; jasyncio's is a CancelledError, so a socket timeout it is.
            forceClose(new SocketTimeoutException("SSL shutdown timed out"));
        }
    }

    private void doFlush() {
        doRead();
        if (state == State.FLUSHING) {
            state = State.SHUTDOWN;
            doShutdown();
        }
    }

    private void doShutdown() {
        if (state != State.SHUTDOWN || shutdownComplete) {
            return;
        }
        try {
            if (!engine.isOutboundDone()) {
                // What the application wrote goes out before close_notify, even if the raw transport is full.
                doWrite(true);
                engine.closeOutbound();
                for (int i = 0; i < 8 && !engine.isOutboundDone(); i++) {
                    if (io.wrapHandshake().bytesProduced() == 0) {
                        break;
                    }
                }
            }
            if (!eofReceived && !engine.isInboundDone()) {
                if (reading) {
                    return; // the read loop in progress comes back here when it is done
                }
                // Wait for the peer's close_notify; what it sends before is dropped.
                while (!engine.isInboundDone()) {
                    ByteBuffer scratch = io.appIn();
                    SSLEngineResult r = io.unwrapInto(scratch);
                    scratch.clear();
                    if (r.getStatus() == Status.BUFFER_UNDERFLOW) {
                        return;
                    }
                    if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                        io.growAppIn();
                    } else if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                        if (!io.runHandshakeWork(r.getHandshakeStatus())) {
                            return;
                        }
                    }
                }
            }
        } catch (SSLException e) {
            onShutdownComplete(e);
            return;
        }
        callEofReceived();
        onShutdownComplete(null);
    }

    private void onShutdownComplete(Exception error) {
        shutdownComplete = true;
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
        if (error != null) {
            fatalError(error, "Fatal error on transport");
        } else {
            Transport t = transport;
            if (t != null) {
                loop.callSoon(t::close);
            }
        }
    }

    /** Closes the raw transport at once (the application's {@code abort}). */
    void abort() {
        state = State.UNWRAPPED;
        writeBacklog.clear();
        writeBacklogBytes = 0;
        if (transport != null) {
            transport.abort();
        }
    }

    /** Aborts the raw transport, and has {@code connectionLost} report {@code error}. */
    private void forceClose(Throwable error) {
        appTransport.markClosed();
        state = State.UNWRAPPED;
        writeBacklog.clear();
        writeBacklogBytes = 0;
        if (transport != null) {
            closeError = error;
            transport.abort();
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    /** The application writes {@code data}: encrypted at once when possible, else copied to the backlog. */
    void writeAppdata(ByteBuffer data) {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                logger().log(System.Logger.Level.WARNING, "SSL connection is closed");
            }
            connLost++;
            return;
        }
        try {
            if (state == State.WRAPPED && writeBacklog.isEmpty()) {
                wrapAppData(data, false);
            }
            if (data.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
                writeBacklog.addLast(copy);
                writeBacklogBytes += copy.remaining();
            }
            if (state == State.WRAPPED) {
                doWrite(false);
            } else {
                controlAppWriting();
            }
        } catch (SSLException | RuntimeException e) {
            fatalError(e, "Fatal error on SSL protocol");
        }
    }

    /** Encrypts the backlog, while the raw transport accepts more ({@code force}: regardless). */
    private void doWrite(boolean force) throws SSLException {
        while (!writeBacklog.isEmpty() && (force || !sslWritingPaused)) {
            ByteBuffer head = writeBacklog.peekFirst();
            int before = head.remaining();
            wrapAppData(head, force);
            writeBacklogBytes -= before - head.remaining();
            if (head.hasRemaining()) {
                break;
            }
            writeBacklog.pollFirst();
        }
        controlAppWriting();
    }

    /** Encrypts from {@code src} until it is empty, the raw transport is paused, or the engine waits for input. */
    private void wrapAppData(ByteBuffer src, boolean force) throws SSLException {
        while (src.hasRemaining() && (force || !sslWritingPaused)) {
            SSLEngineResult r = io.wrap(src);
            if (r.getStatus() == Status.CLOSED) {
                src.position(src.limit()); // the session is closed: nothing more can be sent
                return;
            }
            if (!io.runHandshakeWork(r.getHandshakeStatus()) && r.bytesConsumed() == 0) {
                return; // a renegotiation waits for the peer
            }
        }
    }

    void controlAppWriting() {
        long size = writeBufferSize();
        if (size >= outgoingHigh && !appWritingPaused) {
            appWritingPaused = true;
            try {
                appProtocol.pauseWriting();
            } catch (RuntimeException e) {
                loop.callExceptionHandler(ExceptionContext.of("protocol.pause_writing() failed", e)
                        .with("transport", appTransport).with("protocol", this));
            }
        } else if (size <= outgoingLow && appWritingPaused) {
            appWritingPaused = false;
            try {
                appProtocol.resumeWriting();
            } catch (RuntimeException e) {
                loop.callExceptionHandler(ExceptionContext.of("protocol.resume_writing() failed", e)
                        .with("transport", appTransport).with("protocol", this));
            }
        }
    }

    /** Whether the application protocol was told to pause writing and not yet to resume. */
    boolean appWritingPaused() {
        return appWritingPaused;
    }

    long writeBufferSize() {
        return writeBacklogBytes;
    }

    void setWriteBufferLimits(Integer high, Integer low) {
        int[] hl = flowControlDefaults(high, low, WRITE_HIGH_WATER);
        outgoingHigh = hl[0];
        outgoingLow = hl[1];
    }

    int[] writeBufferLimits() {
        return new int[] {outgoingLow, outgoingHigh};
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Decrypts what was received and hands it to the application, unless it paused reading. */
    private void doRead() {
        if (state != State.WRAPPED && state != State.FLUSHING) {
            return;
        }
        if (reading) {
            return; // called back from the application while data is being delivered: the loop carries on
        }
        boolean closeNotify = false;
        reading = true;
        try {
            if (!appReadingPaused) {
                closeNotify = readRecords();
                if (!writeBacklog.isEmpty() && (state == State.WRAPPED || state == State.FLUSHING)) {
                    doWrite(false);
                }
            }
            if (transport != null) {
                controlSslReading();
            }
        } catch (Exception e) {
            reading = false;
            fatalError(e, "Fatal error on SSL protocol");
            return;
        } finally {
            reading = false;
        }
        if (closeNotify) {
            callEofReceived();
            startShutdown();
        }
        // The application closed the transport while it was being given data: finish the shutdown now.
        if (state == State.SHUTDOWN) {
            doShutdown();
        }
    }

    /** Unwraps records while there are whole ones; returns whether the peer's close_notify came. */
    private boolean readRecords() throws SSLException {
        deliver();
        boolean copy = false;
        while ((state == State.WRAPPED || state == State.FLUSHING) && !appReadingPaused && !engine.isInboundDone()) {
            if (!io.hasWholeRecord()) {
                return false; // nothing to decrypt yet: do not ask the application for a buffer
            }
            ByteBuffer dst = null;
            int appSize = io.applicationBufferSize();
            if (appIsBuffered && !copy && !io.hasPlainText()) {
                ByteBuffer b = ((BufferedProtocol) appProtocol).getBuffer(appSize);
                if (b.remaining() >= appSize) {
                    dst = b; // decrypt straight into the application's buffer
                }
            }
            boolean direct = dst != null;
            if (!direct) {
                dst = io.appIn();
            }
            int before = dst.position();
            SSLEngineResult r = io.unwrapInto(dst);
            int produced = dst.position() - before;
            if (direct && produced > 0) {
                ((BufferedProtocol) appProtocol).bufferUpdated(produced);
            }
            switch (r.getStatus()) {
                case OK -> {
                    if (!direct) {
                        deliver();
                    }
                    if (!io.runHandshakeWork(r.getHandshakeStatus()) && r.bytesConsumed() == 0 && produced == 0) {
                        return false;
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    deliver();
                    return false; // wait for the rest of the record
                }
                case BUFFER_OVERFLOW -> {
                    if (direct) {
                        copy = true; // the application's buffer is too small: go through ours
                    } else if (!io.hasPlainText()) {
                        io.growAppIn();
                    } else {
                        deliver();
                    }
                }
                case CLOSED -> {
                    deliver();
                    io.runHandshakeWork(r.getHandshakeStatus());
                    return true;
                }
            }
        }
        return false;
    }

    /** Gives the application the decrypted bytes waiting in the plain-text buffer. */
    private void deliver() {
        if (!io.hasPlainText()) {
            return;
        }
        ByteBuffer appIn = io.appIn();
        appIn.flip();
        try {
            if (appIsBuffered) {
                BufferedProtocol bp = (BufferedProtocol) appProtocol;
                while (appIn.hasRemaining()) {
                    ByteBuffer b = bp.getBuffer(appIn.remaining());
                    int n = Math.min(b.remaining(), appIn.remaining());
                    if (n == 0) {
                        throw new IllegalStateException("BufferedProtocol.getBuffer() returned an empty buffer");
                    }
                    int limit = appIn.limit();
                    appIn.limit(appIn.position() + n);
                    b.put(appIn);
                    appIn.limit(limit);
                    bp.bufferUpdated(n);
                }
            } else {
                ((Protocol) appProtocol).dataReceived(appIn);
            }
        } finally {
            appIn.clear();
        }
    }

    private void callEofReceived() {
        try {
            if (appState == AppState.CON_MADE) {
                appState = AppState.EOF;
                boolean keepOpen = appProtocol.eofReceived();
                if (keepOpen) {
                    logger().log(System.Logger.Level.WARNING,
                            "returning true from eofReceived() has no effect when using ssl");
                }
            }
        } catch (RuntimeException e) {
            fatalError(e, "Error calling eof_received()");
        }
    }

    void pauseReading() {
        appReadingPaused = true;
    }

    void resumeReading() {
        if (appReadingPaused) {
            appReadingPaused = false;
            loop.callSoon(() -> {
                switch (state) {
                    case WRAPPED -> doRead();
                    case FLUSHING -> doFlush();
                    case SHUTDOWN -> doShutdown();
                    default -> {
                    }
                }
            });
        }
    }

    boolean isReading() {
        return !appReadingPaused;
    }

    private void controlSslReading() {
        int size = readBufferSize();
        if (size >= incomingHigh && !sslReadingPaused) {
            sslReadingPaused = true;
            transport.pauseReading();
        } else if (size <= incomingLow && sslReadingPaused) {
            sslReadingPaused = false;
            transport.resumeReading();
        }
    }

    void setReadBufferLimits(Integer high, Integer low) {
        int[] hl = flowControlDefaults(high, low, READ_HIGH_WATER);
        incomingHigh = hl[0];
        incomingLow = hl[1];
    }

    int[] readBufferLimits() {
        return new int[] {incomingLow, incomingHigh};
    }

    int readBufferSize() {
        return io.pending();
    }

    void controlSslReadingIfConnected() {
        if (transport != null) {
            controlSslReading();
        }
    }

    /** Where the engine's output goes: the raw transport, unless it is closing. */
    private void sendToPeer(ByteBuffer data) {
        Transport t = transport;
        if (t != null && !t.isClosing()) {
            t.write(data);
        }
    }

    // ---- errors --------------------------------------------------------------------------------

    private void fatalError(Throwable error, String message) {
        if (transport != null) {
            forceClose(error);
        }
        report(error, message);
    }

    private void closeWithError(Throwable error, String message) {
        if (transport != null) {
            closeError = error;
            transport.close();
        }
        report(error, message);
    }

    /** I/O errors (TLS ones included) belong to the connection; anything else is a bug worth reporting. */
    private void report(Throwable error, String message) {
        if (error instanceof IOException || error instanceof CancelledError) {
            return;
        }
        loop.callExceptionHandler(ExceptionContext.of(message, error)
                .with("transport", transport).with("protocol", this));
    }

    private void wakeupWaiter(Throwable error) {
        Future<Void> w = waiter;
        if (w == null) {
            return;
        }
        waiter = null;
        if (!w.done()) {
            if (error != null) {
                w.setException(error);
            } else {
                w.setResult(null);
            }
        }
    }

    private void cancelTimers() {
        if (shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
    }

    private System.Logger logger() {
        return loop instanceof SelectorEventLoop s ? s.logger() : System.getLogger("io.jasyncio");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** asyncio's {@code add_flowcontrol_defaults}: returns {@code [high, low]}. */
    static int[] flowControlDefaults(Integer high, Integer low, int defaultHigh) {
        int hi;
        int lo;
        if (high == null) {
            hi = low == null ? defaultHigh : 4 * low;
        } else {
            hi = high;
        }
        lo = low == null ? hi / 4 : low;
        if (!(hi >= lo && lo >= 0)) {
            throw new IllegalArgumentException("high (" + hi + ") must be >= low (" + lo + ") must be >= 0");
        }
        return new int[] {hi, lo};
    }

    State state() {
        return state;
    }

    @Override
    public String toString() {
        return "<SslProtocol " + (serverSide ? "server" : "client") + " " + state + ">";
    }
}
