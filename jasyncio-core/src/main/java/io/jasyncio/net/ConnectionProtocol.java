package io.jasyncio.net;

/** A protocol for a stream connection: the common part of {@link Protocol} and {@link BufferedProtocol}. */
public interface ConnectionProtocol extends BaseProtocol {

    /** The connection is up; keep {@code transport} to write to it. */
    default void connectionMade(Transport transport) {
    }

    /**
     * The peer will send no more (it half-closed). Return {@code true} to keep the transport open for
     * writing (you close it later); {@code false} closes it. TLS transports ignore a {@code true}.
     */
    default boolean eofReceived() {
        return false;
    }
}
