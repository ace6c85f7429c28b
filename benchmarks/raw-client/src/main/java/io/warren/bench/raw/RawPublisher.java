package io.warren.bench.raw;

import java.io.IOException;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;

import io.warren.bench.Bench;
import io.warren.bench.Payload;

/**
 * One confirm channel of the raw client: Jackson on the caller's thread, one publishing thread at a time on the
 * channel, the callback of each message run when its confirm (or nack) arrives.
 */
final class RawPublisher implements Bench.Sender {

    private final Channel channel;
    private final String queue;
    private final ConcurrentSkipListMap<Long, Runnable> pending = new ConcurrentSkipListMap<>();
    private final Object lock = new Object();

    RawPublisher(Connection connection, String queue) throws IOException {
        this.channel = connection.createChannel();
        this.queue = queue;
        channel.confirmSelect();
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                settle(tag, multiple, true);
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                settle(tag, multiple, false);
            }
        });
    }

    private void settle(long tag, boolean multiple, boolean confirmed) {
        var done = multiple ? pending.headMap(tag, true) : pending.subMap(tag, true, tag, true);
        done.values().forEach(confirmed ? Runnable::run : Bench::failed);
        done.clear();
    }

    @Override
    public void send(Payload payload, Runnable done) {
        try {
            byte[] body = RawBench.JSON.writeValueAsBytes(payload);
            synchronized (lock) {
                pending.put(channel.getNextPublishSeqNo(), done);
                if (RawBench.SAME_MESSAGES) {
                    channel.basicPublish("", queue, true, RawBench.PERSISTENT_JSON.builder()
                            .messageId(UUID.randomUUID().toString()).timestamp(new Date()).build(), body);
                } else {
                    channel.basicPublish("", queue, RawBench.PERSISTENT_JSON, body);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
