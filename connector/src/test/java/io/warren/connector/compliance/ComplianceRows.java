package io.warren.connector.compliance;

import static io.warren.connector.compliance.Probe.YES;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;

import io.warren.connector.compliance.Probe.Row;

/** Every AMQP 0-9-1 method, argument and property Warren uses, each with an exercise. */
final class ComplianceRows {

    private ComplianceRows() {
    }

    private static final byte[] BODY = "probe".getBytes(StandardCharsets.UTF_8);

    static List<Row> all() {
        List<Row> rows = new ArrayList<>();
        // ---- connection
        rows.add(new Row("connection", "connection.tune: heartbeat", "`requested-heartbeat`", w -> {
            return w.connection.getHeartbeat() > 0 ? YES : "no: heartbeat " + w.connection.getHeartbeat();
        }));
        rows.add(new Row("connection", "capability `connection.blocked`", "pausing publishers during resource alarms",
                w -> capability(w, "connection.blocked")));
        rows.add(new Row("connection", "capability `publisher_confirms`", "publisher confirms",
                w -> capability(w, "publisher_confirms")));
        rows.add(new Row("connection", "capability `consumer_cancel_notify`", "resubscribing after a broker cancel",
                w -> capability(w, "consumer_cancel_notify")));
        rows.add(new Row("connection", "capability `basic.nack`", "nacks, both ways",
                w -> capability(w, "basic.nack")));
        // ---- exchange
        for (BuiltinExchangeType type : List.of(BuiltinExchangeType.DIRECT, BuiltinExchangeType.FANOUT,
                BuiltinExchangeType.TOPIC, BuiltinExchangeType.HEADERS)) {
            rows.add(new Row("exchange", "exchange.declare type=" + type.getType(), "`exchange.type`", w -> {
                Channel ch = w.channel();
                ch.exchangeDeclare(w.exchange(), type, true, false, null);
                return YES;
            }));
        }
        rows.add(new Row("exchange", "exchange.declare auto-delete, non-durable", "`exchange.auto-delete`, "
                + "`exchange.durable`", w -> {
                    w.channel().exchangeDeclare(w.exchange(), BuiltinExchangeType.TOPIC, false, true, null);
                    return YES;
                }));
        rows.add(new Row("exchange", "exchange.declare passive, missing exchange", "checks with `exchange.declare=false`",
                w -> {
                    try {
                        w.channel().exchangeDeclarePassive(w.exchange());
                        return "no: a missing exchange was accepted";
                    } catch (java.io.IOException e) {
                        return AmqpComplianceTest.replyCode(e) == 404 ? YES : AmqpComplianceTest.outcome(e);
                    }
                }));
        rows.add(new Row("exchange", "exchange.bind (exchange to exchange)", "topologies that users declare", w -> {
            Channel ch = w.channel();
            String a = w.exchange();
            String b = w.exchange();
            ch.exchangeDeclare(a, BuiltinExchangeType.FANOUT, false, true, null);
            ch.exchangeDeclare(b, BuiltinExchangeType.FANOUT, false, true, null);
            String q = w.declaredQueue(ch, null);
            ch.queueBind(q, b, "");
            ch.exchangeBind(b, a, "");
            ch.basicPublish(a, "", null, BODY);
            return Wire.get(ch, q, 2000) != null ? YES : "no: not routed";
        }));
        rows.add(new Row("exchange", "exchange.delete", "clean-up", w -> {
            Channel ch = w.channel();
            String x = w.exchange();
            ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, false, null);
            ch.exchangeDelete(x);
            return YES;
        }));
        // ---- queue
        rows.add(new Row("queue", "queue.declare durable", "`queue.durable`", w -> {
            w.declaredQueue(w.channel(), null);
            return YES;
        }));
        rows.add(new Row("queue", "queue.declare exclusive, auto-delete", "`queue.exclusive`, `queue.auto-delete`, "
                + "reply queues", w -> {
                    w.channel().queueDeclare(w.queue(), false, true, true, null);
                    return YES;
                }));
        rows.add(new Row("queue", "queue.declare server-named", "`reply.mode=queue`", w -> {
            String name = w.channel().queueDeclare().getQueue();
            return name != null && !name.isEmpty() ? YES : "no: no name";
        }));
        rows.add(new Row("queue", "queue.declare passive", "`queue.declare=false`, tests", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            ch.basicPublish("", q, null, BODY);
            Thread.sleep(100);
            return ch.queueDeclarePassive(q).getMessageCount() == 1 ? YES : "no: wrong message count";
        }));
        rows.add(new Row("queue", "queue.bind with a routing key", "`routing-keys`", w -> {
            Channel ch = w.channel();
            String x = w.exchange();
            ch.exchangeDeclare(x, BuiltinExchangeType.TOPIC, false, true, null);
            String q = w.declaredQueue(ch, null);
            ch.queueBind(q, x, "eu.*");
            ch.basicPublish(x, "us.east", null, BODY);
            ch.basicPublish(x, "eu.fr", null, BODY);
            GetResponse r = Wire.get(ch, q, 2000);
            Thread.sleep(100);
            return r != null && r.getEnvelope().getRoutingKey().equals("eu.fr") && Wire.count(ch, q) == 0 ? YES
                    : "no: wrong routing";
        }));
        rows.add(new Row("queue", "queue.bind to a headers exchange (x-match)", "`exchange.type=headers`", w -> {
            Channel ch = w.channel();
            String x = w.exchange();
            ch.exchangeDeclare(x, BuiltinExchangeType.HEADERS, false, true, null);
            String q = w.declaredQueue(ch, null);
            ch.queueBind(q, x, "", Map.of("x-match", "all", "tenant", "acme"));
            ch.basicPublish(x, "", new AMQP.BasicProperties.Builder().headers(Map.of("tenant", "other")).build(), BODY);
            ch.basicPublish(x, "", new AMQP.BasicProperties.Builder().headers(Map.of("tenant", "acme")).build(), BODY);
            GetResponse r = Wire.get(ch, q, 2000);
            Thread.sleep(100);
            return r != null && Wire.count(ch, q) == 0 ? YES : "no: wrong routing";
        }));
        rows.add(new Row("queue", "queue.delete", "clean-up, tests", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            ch.queueDelete(q);
            return YES;
        }));
        rows.add(new Row("queue", "queue.purge", "tests", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            ch.basicPublish("", q, null, BODY);
            Thread.sleep(100);
            ch.queuePurge(q);
            return Wire.count(ch, q) == 0 ? YES : "no: not purged";
        }));
        // ---- queue arguments
        rows.add(new Row("queue argument", "`x-message-ttl`", "`queue.ttl`, retry delay queues", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, Map.of("x-message-ttl", 200));
            ch.basicPublish("", q, null, BODY);
            Thread.sleep(600);
            // An expired message is never delivered (the queue may still count it for a while).
            return ch.basicGet(q, true) == null ? YES : "accepted, ignored";
        }));
        rows.add(new Row("queue argument", "`x-dead-letter-exchange`, `x-dead-letter-routing-key`",
                "`auto-bind-dlq`, `reject` to a DLQ, retry delay queues", w -> {
                    Channel ch = w.channel();
                    String dlq = w.declaredQueue(ch, null);
                    String q = w.declaredQueue(ch, Map.of("x-dead-letter-exchange", "",
                            "x-dead-letter-routing-key", dlq));
                    ch.basicPublish("", q, null, BODY);
                    GetResponse r = getNoAck(ch, q);
                    if (r == null) {
                        return "no: nothing to reject";
                    }
                    ch.basicReject(r.getEnvelope().getDeliveryTag(), false);
                    return Wire.get(ch, dlq, 2000) != null ? YES : "accepted, ignored";
                }));
        rows.add(new Row("queue argument", "`x-max-priority`", "`queue.x-max-priority`", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, Map.of("x-max-priority", 10));
            ch.basicPublish("", q, new AMQP.BasicProperties.Builder().priority(1).build(),
                    "low".getBytes(StandardCharsets.UTF_8));
            ch.basicPublish("", q, new AMQP.BasicProperties.Builder().priority(9).build(),
                    "high".getBytes(StandardCharsets.UTF_8));
            Thread.sleep(100);
            GetResponse r = Wire.get(ch, q, 2000);
            return r != null && new String(r.getBody(), StandardCharsets.UTF_8).equals("high") ? YES
                    : "accepted, ignored";
        }));
        rows.add(new Row("queue argument", "`x-queue-type=quorum`", "`queue.x-queue-type`", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, Map.of("x-queue-type", "quorum"));
            ch.basicPublish("", q, null, BODY);
            GetResponse r = getNoAck(ch, q);
            if (r == null) {
                return "no: nothing delivered";
            }
            ch.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
            GetResponse again = getNoAck(ch, q);
            // A quorum queue counts deliveries: the redelivery carries x-delivery-count.
            Object count = again == null || again.getProps().getHeaders() == null ? null
                    : again.getProps().getHeaders().get("x-delivery-count");
            return count != null ? YES : "accepted, ignored";
        }));
        rows.add(new Row("queue argument", "`x-queue-type=stream` with consumer argument `x-stream-offset`",
                "`stream.offset`", w -> {
                    Channel ch = w.channel();
                    String q = w.declaredQueue(ch, Map.of("x-queue-type", "stream"));
                    ch.basicPublish("", q, null, BODY);
                    ch.basicQos(10);
                    CompletableFuture<Boolean> got = new CompletableFuture<>();
                    ch.basicConsume(q, false, Map.of("x-stream-offset", "first"), new DefaultConsumer(ch) {
                        @Override
                        public void handleDelivery(String t, Envelope e, AMQP.BasicProperties p, byte[] b) {
                            got.complete(p.getHeaders() != null && p.getHeaders().containsKey("x-stream-offset"));
                        }
                    });
                    Boolean offset = got.get(3, TimeUnit.SECONDS);
                    return offset ? YES : "accepted, ignored";
                }));
        rows.add(new Row("queue argument", "`x-overflow=reject-publish`, `x-max-length`", "confirm nacks "
                + "(a full queue)", w -> {
                    Channel ch = w.channel();
                    String q = w.declaredQueue(ch, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
                    ch.confirmSelect();
                    ch.basicPublish("", q, null, BODY);
                    ch.basicPublish("", q, null, BODY);
                    try {
                        return ch.waitForConfirms(3000) ? "accepted, ignored" : YES; // false: the broker nacked one
                    } catch (java.util.concurrent.TimeoutException e) {
                        return "no: no confirm";
                    }
                }));
        // ---- basic
        rows.add(new Row("basic", "basic.qos (prefetch count)", "`max-outstanding-messages`", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            for (int i = 0; i < 5; i++) {
                ch.basicPublish("", q, null, BODY);
            }
            ch.basicQos(2);
            List<Long> tags = new CopyOnWriteArrayList<>();
            ch.basicConsume(q, false, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String t, Envelope e, AMQP.BasicProperties p, byte[] b) {
                    tags.add(e.getDeliveryTag());
                }
            });
            long deadline = System.currentTimeMillis() + 3000;
            while (tags.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // time for more to come, if the broker did not hold them back
            return tags.size() == 2 ? YES : "no: " + tags.size() + " unacked deliveries with prefetch 2";
        }));
        rows.add(new Row("basic", "basic.consume, basic.cancel", "consuming, shutdown", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            CompletableFuture<String> cancelled = new CompletableFuture<>();
            String tag = ch.basicConsume(q, false, new DefaultConsumer(ch) {
                @Override
                public void handleCancelOk(String t) {
                    cancelled.complete(t);
                }
            });
            ch.basicCancel(tag);
            return tag.equals(cancelled.get(3, TimeUnit.SECONDS)) ? YES : "no: no cancel-ok";
        }));
        rows.add(new Row("basic", "basic.cancel from the broker (queue deleted)", "resubscribing after a broker "
                + "cancel", w -> {
                    Channel ch = w.channel();
                    String q = w.declaredQueue(ch, null);
                    CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
                    ch.basicConsume(q, false, new DefaultConsumer(ch) {
                        @Override
                        public void handleCancel(String t) {
                            cancelled.complete(true);
                        }
                    });
                    try (Channel other = w.connection.createChannel()) {
                        other.queueDelete(q);
                    }
                    try {
                        return cancelled.get(3, TimeUnit.SECONDS) ? YES : "no";
                    } catch (java.util.concurrent.TimeoutException e) {
                        return "no: the consumer is not told";
                    }
                }));
        rows.add(new Row("basic", "basic.ack", "acks", w -> ackProbe(w, false)));
        rows.add(new Row("basic", "basic.ack multiple=true", "coalesced acks", w -> ackProbe(w, true)));
        rows.add(new Row("basic", "basic.nack requeue=true", "`requeue`, `fail`, shutdown", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            ch.basicPublish("", q, null, BODY);
            GetResponse r = getNoAck(ch, q);
            ch.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
            GetResponse again = getNoAck(ch, q);
            return again != null && again.getEnvelope().isRedeliver() ? YES : "no: not redelivered";
        }));
        rows.add(new Row("basic", "basic.nack multiple=true", "nacking a run of deliveries",
                ComplianceRows::nackMultipleProbe));
        rows.add(new Row("basic", "basic.reject requeue=false", "`reject`", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            ch.basicPublish("", q, null, BODY);
            GetResponse r = getNoAck(ch, q);
            ch.basicReject(r.getEnvelope().getDeliveryTag(), false);
            Thread.sleep(300);
            int left = Wire.count(ch, q);
            return left == 0 ? YES : "no: the message stays in the queue";
        }));
        rows.add(new Row("basic", "basic.get", "tests, tooling", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            ch.basicPublish("", q, null, BODY);
            return Wire.get(ch, q, 2000) != null ? YES : "no: nothing";
        }));
        rows.add(new Row("basic", "basic.publish mandatory, basic.return", "`mandatory`: unroutable messages", w -> {
            Channel ch = w.channel();
            String x = w.exchange();
            ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, true, null);
            CompletableFuture<Integer> returned = new CompletableFuture<>();
            ch.addReturnListener(r -> returned.complete(r.getReplyCode()));
            ch.basicPublish(x, "nobody", true, null, BODY);
            return returned.get(3, TimeUnit.SECONDS) == 312 ? YES : "no: wrong reply code";
        }));
        rows.add(new Row("confirm", "confirm.select, basic.ack from the broker", "`publish-confirms`", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            ch.confirmSelect();
            for (int i = 0; i < 10; i++) {
                ch.basicPublish("", q, null, BODY);
            }
            return ch.waitForConfirms(5000) ? YES : "no: nacked";
        }));
        rows.add(new Row("RabbitMQ extension", "direct reply-to `amq.rabbitmq.reply-to`", "`reply.mode=direct`", w -> {
            Channel client = w.channel();
            Channel server = w.channel();
            String q = w.declaredQueue(server, null);
            CompletableFuture<String> reply = new CompletableFuture<>();
            client.basicConsume("amq.rabbitmq.reply-to", true, new DefaultConsumer(client) {
                @Override
                public void handleDelivery(String t, Envelope e, AMQP.BasicProperties p, byte[] b) {
                    reply.complete(p.getCorrelationId());
                }
            });
            client.basicPublish("", q, new AMQP.BasicProperties.Builder().replyTo("amq.rabbitmq.reply-to")
                    .correlationId("c-1").build(), BODY);
            GetResponse request = Wire.get(server, q, 2000);
            server.basicPublish("", request.getProps().getReplyTo(), new AMQP.BasicProperties.Builder()
                    .correlationId("c-1").build(), BODY);
            return "c-1".equals(reply.get(3, TimeUnit.SECONDS)) ? YES : "no";
        }));
        // ---- properties, published then read back
        rows.add(property("message-id", "`message-id` (deduplication, republishing)",
                b -> b.messageId("m-1"), p -> "m-1".equals(p.getMessageId())));
        rows.add(property("correlation-id", "request-reply", b -> b.correlationId("c-1"),
                p -> "c-1".equals(p.getCorrelationId())));
        rows.add(property("reply-to", "request-reply", b -> b.replyTo("replies"), p -> "replies".equals(p.getReplyTo())));
        rows.add(property("content-type", "codec selection", b -> b.contentType("application/cbor"),
                p -> "application/cbor".equals(p.getContentType())));
        rows.add(property("content-encoding", "refusing encoded bodies", b -> b.contentEncoding("gzip"),
                p -> "gzip".equals(p.getContentEncoding())));
        rows.add(property("headers (string, number, boolean)", "metadata, `x-warren-*`, `x-exception-*`, "
                + "`x-original-*`", b -> b.headers(Map.of("s", "v", "n", 7, "f", true)),
                p -> p.getHeaders() != null && "v".equals(String.valueOf(p.getHeaders().get("s")))
                        && Integer.valueOf(7).equals(p.getHeaders().get("n"))
                        && Boolean.TRUE.equals(p.getHeaders().get("f"))));
        rows.add(property("delivery-mode", "`persistent`", b -> b.deliveryMode(2),
                p -> Integer.valueOf(2).equals(p.getDeliveryMode())));
        rows.add(property("priority", "metadata priority", b -> b.priority(5),
                p -> Integer.valueOf(5).equals(p.getPriority())));
        rows.add(property("timestamp", "set on every message", b -> b.timestamp(new Date(1_700_000_000_000L)),
                p -> p.getTimestamp() != null && p.getTimestamp().getTime() == 1_700_000_000_000L));
        rows.add(property("type", "metadata type", b -> b.type("order.created"),
                p -> "order.created".equals(p.getType())));
        rows.add(property("user-id", "metadata user id (must be the connection's user)", b -> b.userId("guest"),
                p -> "guest".equals(p.getUserId())));
        rows.add(property("app-id", "metadata app id", b -> b.appId("warren"), p -> "warren".equals(p.getAppId())));
        rows.add(new Row("property", "expiration (per-message TTL)", "`default-ttl`, metadata expiration", w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            ch.basicPublish("", q, new AMQP.BasicProperties.Builder().expiration("200").build(), BODY);
            ch.basicPublish("", q, new AMQP.BasicProperties.Builder().expiration("60000").build(), BODY);
            Thread.sleep(800);
            int delivered = 0;
            while (ch.basicGet(q, true) != null) {
                delivered++;
            }
            return delivered == 1 ? YES : delivered == 0 ? "no: both dropped (read as an absolute time)"
                    : "accepted, ignored";
        }));
        return rows;
    }

    private static Row property(String name, String usedFor, java.util.function.UnaryOperator<AMQP.BasicProperties.Builder> set,
            java.util.function.Predicate<AMQP.BasicProperties> check) {
        return new Row("property", name, usedFor, w -> {
            Channel ch = w.channel();
            String q = w.declaredQueue(ch, null);
            ch.basicPublish("", q, set.apply(new AMQP.BasicProperties.Builder()).build(), BODY);
            GetResponse r = Wire.get(ch, q, 2000);
            return r != null && check.test(r.getProps()) ? YES : "no: not kept";
        });
    }

    private static String capability(Wire w, String name) {
        Object caps = w.connection.getServerProperties().get("capabilities");
        if (caps instanceof Map<?, ?> m) {
            Object v = m.get(name);
            return Boolean.TRUE.equals(v) ? YES : "no: not announced";
        }
        return "no: no capabilities";
    }

    /** Two deliveries to a consumer with manual acks, as Warren consumes. */
    private static List<Envelope> consumeTwo(Channel ch, String q) throws Exception {
        ch.basicPublish("", q, null, BODY);
        ch.basicPublish("", q, null, BODY);
        List<Envelope> got = new CopyOnWriteArrayList<>();
        ch.basicQos(10);
        ch.basicConsume(q, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String t, Envelope e, AMQP.BasicProperties p, byte[] b) {
                got.add(e);
            }
        });
        long deadline = System.currentTimeMillis() + 3000;
        while (got.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return got;
    }

    private static String ackProbe(Wire w, boolean multiple) throws Exception {
        Channel ch = w.channel();
        String q = w.declaredQueue(ch, null);
        List<Envelope> got = consumeTwo(ch, q);
        if (got.size() < 2) {
            return "no: " + got.size() + " of 2 delivered";
        }
        if (multiple) {
            ch.basicAck(got.get(1).getDeliveryTag(), true);
        } else {
            ch.basicAck(got.get(0).getDeliveryTag(), false);
            ch.basicAck(got.get(1).getDeliveryTag(), false);
        }
        ch.close(); // unacked deliveries would come back now
        Channel check = w.channel();
        Thread.sleep(200);
        return Wire.count(check, q) == 0 ? YES : "no: " + Wire.count(check, q) + " came back";
    }

    private static String nackMultipleProbe(Wire w) throws Exception {
        Channel ch = w.channel();
        String q = w.declaredQueue(ch, null);
        List<Envelope> got = consumeTwo(ch, q);
        if (got.size() < 2) {
            return "no: " + got.size() + " of 2 delivered";
        }
        int before = got.size();
        ch.basicNack(got.get(1).getDeliveryTag(), true, true);
        long deadline = System.currentTimeMillis() + 2000;
        while (got.size() < before + 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        long redelivered = got.stream().skip(before).filter(Envelope::isRedeliver).count();
        return redelivered == 2 ? YES : "no: " + redelivered + " of 2 redelivered";
    }

    private static GetResponse getNoAck(Channel ch, String q) throws Exception {
        long deadline = System.currentTimeMillis() + 2000;
        do {
            GetResponse r = ch.basicGet(q, false);
            if (r != null) {
                return r;
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }
}
