/**
 * The message-queue case study of chapter 4 (Examples 4-1 … 4-9): the wire protocol ({@link
 * io.jasyncio.examples.mq.MsgProto}), the prototype broker ({@link io.jasyncio.examples.mq.MqServer}), the
 * improved broker ({@link io.jasyncio.examples.mq.MqServerPlus}), the listener ({@link
 * io.jasyncio.examples.mq.MqListen}) and the sender ({@link io.jasyncio.examples.mq.MqSend}). See
 * {@code docs/mq.md} for the three-terminal demo.
 */
package io.jasyncio.examples.mq;
