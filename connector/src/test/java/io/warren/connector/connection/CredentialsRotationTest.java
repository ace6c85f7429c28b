package io.warren.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.Broker;
import io.warren.connector.support.TestConfig;
import io.warren.testing.FaultProxy;
import io.warren.testing.MachineBroker;

/**
 * A password that changes while the application runs: the broker's user gets a new password, the credentials
 * provider hands it out, the connection drops; Warren reconnects with the new password and loses nothing. The user
 * is the test's own (a unique name, deleted afterwards).
 */
class CredentialsRotationTest {

    private final String user = "warren-rotation-" + UUID.randomUUID().toString().substring(0, 8);
    private final String queue = Broker.unique("rotation");
    private final AtomicReference<String> password = new AtomicReference<>("first-" + UUID.randomUUID());
    private final AtomicInteger asked = new AtomicInteger();
    private FaultProxy proxy;
    private WarrenConnector connector;
    private Broker broker;

    @BeforeEach
    void createUser() throws Exception {
        MachineBroker.ctl("add_user", user, password.get());
        MachineBroker.ctl("set_permissions", "-p", "/", user, ".*", ".*", ".*");
        broker = new Broker();
        broker.declareQueue(queue, null);
        proxy = new FaultProxy(Broker.HOST, Broker.PORT);
    }

    @AfterEach
    void deleteUser() throws Exception {
        if (connector != null) {
            connector.close();
        }
        proxy.close();
        broker.deleteQueues(queue);
        broker.close();
        MachineBroker.ctl("delete_user", user);
    }

    private com.rabbitmq.client.impl.CredentialsProvider provider() {
        return new com.rabbitmq.client.impl.CredentialsProvider() {
            @Override
            public String getUsername() {
                asked.incrementAndGet();
                return user;
            }

            @Override
            public String getPassword() {
                return password.get();
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRotatedPasswordIsUsedOnReconnectionAndNothingIsLost() throws Exception {
        connector = new WarrenConnector(PayloadCodec.defaultMapper(), Map.of(), Map.of(),
                new ConnectionResources(null, (name, bean) -> name.equals("vault") ? Optional.of(provider())
                        : Optional.empty()));
        Flow.Subscriber<Message<?>> out = (Flow.Subscriber<Message<?>>) connector.getSubscriber(
                TestConfig.channel("rotating").at("127.0.0.1", proxy.port()).with("credentials-provider-name", "vault")
                        .with("exchange.name", "\"\"").with("default-routing-key", queue).build());
        UnicastProcessor<Message<?>> messages = UnicastProcessor.create();
        messages.subscribe(out);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            acks.add(send(messages, "before-" + i));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        int askedBefore = asked.get();

        String second = "second-" + UUID.randomUUID();
        MachineBroker.ctl("change_password", user, second);
        password.set(second);
        proxy.cut();
        for (int i = 0; i < 10; i++) {
            acks.add(send(messages, "after-" + i));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(asked.get()).as("the provider was asked again on reconnection").isGreaterThan(askedBefore);
        assertThat(proxy.accepted()).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.count(queue) >= 20);
        List<String> bodies = new ArrayList<>();
        for (var r = broker.get(queue); r != null; r = broker.get(queue)) {
            bodies.add(new String(r.getBody(), java.nio.charset.StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(bodies).contains("before-" + i, "after-" + i);
        }
    }

    private static CompletableFuture<Void> send(UnicastProcessor<Message<?>> messages, String body) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        messages.onNext(Message.of(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, t -> {
            acked.completeExceptionally(t);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }
}
