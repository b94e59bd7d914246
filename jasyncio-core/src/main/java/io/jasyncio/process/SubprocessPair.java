package io.jasyncio.process;

/**
 * What {@link Subprocesses#createSubprocessExec(java.util.function.Supplier, java.util.List, Redirect,
 * Redirect, Redirect, java.nio.file.Path, java.util.Map)} returns: asyncio's {@code (transport, protocol)}
 * pair.
 *
 * @param transport the child's transport
 * @param protocol the protocol the factory made, connected to it
 * @param <P> the protocol's type
 */
public record SubprocessPair<P extends SubprocessProtocol>(SubprocessTransport transport, P protocol) {
}
