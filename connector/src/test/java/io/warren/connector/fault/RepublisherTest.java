package io.warren.connector.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;

import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConfirmTracker;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.TestConfig;

/**
 * The publisher of dead-letter and retry copies, on the real broker: a copy counts only once confirmed and not
 * returned, declarations go out once per channel, and closing fails what is still unconfirmed.
 */
class RepublisherTest {

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("copies");

    private final ConfinedExecutor owner = new ConfinedExecutor("copies-test");
    private final ConnectionManager connections = new ConnectionManager();
    private Republisher republisher;

    @BeforeEach
    void setUp() {
        republisher = new Republisher("copies-test", owner, connections, ConnectionSettings
                .from(new WarrenConnectorIncomingConfiguration(TestConfig.channel("copies-test").build())));
        // The publisher connection opens in the background; the test's own queue, declared again as it is, tells
        // when the copies' channel is up.
        assertThat(owner.awaitOnOwner(() -> {
            try {
                republisher.declareQueueOnce(bed.queue(), null);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, 10_000)).isTrue();
    }

    @AfterEach
    void tearDown() {
        owner.callOnOwner(republisher::close, 5000);
        owner.shutdown(1000);
        connections.close();
    }

    private CompletableFuture<Void> copy(String exchange, String routingKey, String body) {
        AtomicReference<CompletableFuture<Void>> result = new AtomicReference<>();
        owner.callOnOwner(() -> result.set(republisher.publish(exchange, routingKey,
                new AMQP.BasicProperties.Builder().messageId(body).build(), body.getBytes(StandardCharsets.UTF_8))),
                10_000);
        return result.get();
    }

    @Test
    void aConfirmedCopyCompletesAndIsInTheQueueMarkedWithItsSequence() throws Exception {
        copy("", bed.queue(), "copy-1").get(10, TimeUnit.SECONDS);
        GetResponse got = bed.broker().get(bed.queue());
        assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("copy-1");
        // Published mandatory, so that a return can be paired with it.
        assertThat(got.getProps().getHeaders()).containsKey(ConfirmTracker.SEQUENCE_HEADER);
    }

    @Test
    void aCopyNoQueueTakesFailsAsUnroutable() {
        String nowhere = Broker.unique("nowhere");
        assertThatThrownBy(() -> copy("", nowhere, "lost").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IOException.class)
                .hasMessageContaining("unroutable").hasMessageContaining(nowhere);
        // The channel carries on: the next copy is confirmed.
        assertThat(copy("", bed.queue(), "after")).succeedsWithin(10, TimeUnit.SECONDS);
    }

    @Test
    void aQueueAndAnExchangeAreDeclaredOncePerChannel() throws Exception {
        String retry = Broker.unique("copies-retry");
        String exchange = Broker.unique("copies-x");
        bed.deletesQueues(retry).deletesExchanges(exchange);
        AtomicReference<Exception> failure = new AtomicReference<>();
        owner.callOnOwner(() -> {
            try {
                republisher.declareQueueOnce(retry, Map.of("x-message-ttl", 500));
                // Other arguments for the same queue would be refused (406) if they were sent again.
                republisher.declareQueueOnce(retry, Map.of("x-message-ttl", 900));
                republisher.declareExchangeOnce(exchange, "direct");
                republisher.declareExchangeOnce(exchange, "fanout");
            } catch (Exception e) {
                failure.set(e);
            }
        }, 10_000);
        assertThat(failure.get()).isNull();
        assertThat(bed.broker().count(retry)).isZero();
        bed.broker().channel().exchangeDeclarePassive(exchange);
        AtomicReference<Boolean> delays = new AtomicReference<>();
        owner.callOnOwner(() -> delays.set(republisher.brokerSupportsDelayQueues()), 10_000);
        assertThat(delays.get()).isTrue();
    }

    @Test
    void closingFailsTheCopiesStillAwaitingTheirConfirm() {
        AtomicReference<CompletableFuture<Void>> pending = new AtomicReference<>();
        // Published and closed in one task on the owner thread: the confirm can only be handled after it.
        owner.callOnOwner(() -> {
            pending.set(republisher.publish("", bed.queue(), new AMQP.BasicProperties(), new byte[0]));
            republisher.close();
        }, 10_000);
        assertThat(pending.get()).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("the connector is closing");
    }
}
