package io.warren.swap;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/** What the flow tests share: sending orders until the flow is up, and watching an exchange on RabbitMQ. */
final class Flow {

    private Flow() {
    }

    /**
     * Sends probe orders until one is shipped: a consumer subscribes some time after the application starts, and a
     * transport without a queue (MQTT without a session) drops what is sent before that.
     */
    static void awaitFlowing(OrderDesk desk, Shipping shipping) {
        int[] n = { 0 };
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            desk.submit(new Order("probe-" + n[0]++, "probe", 1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            return shipping.shipped().stream().anyMatch(p -> p.orderId().startsWith("probe-"));
        });
    }

    /** Bodies published to an exchange from now on, seen through a queue of the test's own. */
    static List<String> watch(Connection c, String exchange) throws Exception {
        Channel ch = c.createChannel();
        await().atMost(Duration.ofSeconds(30)).until(() -> exists(c, exchange));
        String q = ch.queueDeclare().getQueue();
        ch.queueBind(q, exchange, "#");
        List<String> bodies = new CopyOnWriteArrayList<>();
        ch.basicConsume(q, true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope e, AMQP.BasicProperties p, byte[] body) {
                bodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return bodies;
    }

    private static boolean exists(Connection c, String exchange) {
        try (Channel ch = c.createChannel()) {
            ch.exchangeDeclarePassive(exchange);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
