/**
 * A small Redis client on jasyncio streams (what {@code aioredis} / {@code redis.asyncio} are to
 * asyncio): {@link io.jasyncio.redis.RedisClient} for commands, pipelined FIFO on one connection;
 * {@link io.jasyncio.redis.Pipeline} for many commands in one write; {@code SCAN} and
 * {@link io.jasyncio.redis.PubSub pub/sub} as async iterables; {@link io.jasyncio.redis.Resp} for the
 * RESP2 wire format. See {@code docs/redis.md}.
 */
package io.jasyncio.redis;
