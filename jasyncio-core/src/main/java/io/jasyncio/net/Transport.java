package io.jasyncio.net;

/** A two-way byte stream (asyncio {@code Transport}): a TCP or Unix connection, a TLS session, a pipe pair, or memory. */
public interface Transport extends ReadTransport, WriteTransport {

    /** Replaces the protocol that receives this transport's events. */
    void setProtocol(ConnectionProtocol protocol);

    /** The protocol that receives this transport's events. */
    ConnectionProtocol getProtocol();
}
