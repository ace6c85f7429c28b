package io.warren.bench.raw;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.Producer;

import io.warren.bench.Bench;
import io.warren.bench.Payload;

/**
 * W5's raw reference: the same stream workloads written directly on stream-client, with Jackson on the consumer's
 * thread and the same confirm window (1,024) as the connectors. Messages carry what Warren's carry: a message id, a
 * content type and a creation time.
 */
public final class RawStreamBench {

    public static void main(String[] args) throws Exception {
        String in = System.getProperty("bench.in-queue", "bench-in");
        String out = System.getProperty("bench.out-queue", "bench-out");
        Bench bench = new Bench();
        Environment env = Environment.builder().host(System.getProperty("bench.host", "127.0.0.1"))
                .port(Integer.getInteger("bench.stream-port", 5552))
                .compressionCodecFactory(c -> null).build();
        if ("consume".equals(bench.mode)) {
            env.consumerBuilder().stream(in).offset(OffsetSpecification.first())
                    .messageHandler((ctx, m) -> {
                        try {
                            bench.onMessage(RawBench.JSON.readValue(m.getBodyAsBinary(), Payload.class));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).build();
        }
        Producer producer = env.producerBuilder().stream(out).maxUnconfirmedMessages(1024).build();
        bench.run((payload, done) -> {
            try {
                byte[] body = RawBench.JSON.writeValueAsBytes(payload);
                producer.send(producer.messageBuilder().properties().messageId(UUID.randomUUID().toString())
                        .contentType("application/json").creationTime(System.currentTimeMillis()).messageBuilder()
                        .addData(body).build(), status -> {
                            if (status.isConfirmed()) {
                                done.run();
                            } else {
                                Bench.failed(done);
                            }
                        });
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(new String(e.getMessage().getBytes(StandardCharsets.UTF_8)));
            }
        }, () -> {
            env.close();
            System.exit(0);
        });
    }
}
