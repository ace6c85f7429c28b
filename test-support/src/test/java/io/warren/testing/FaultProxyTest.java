package io.warren.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** The proxy forwards AMQP, and its faults reach the client as a real network would deliver them. */
class FaultProxyTest {

    private static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));

    private ConnectionFactory factory(FaultProxy proxy) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(proxy.port());
        f.setAutomaticRecoveryEnabled(false);
        f.setConnectionTimeout(2000);
        f.setHandshakeTimeout(2000);
        return f;
    }

    @Test
    void cutClosesTheClientsConnection() throws Exception {
        try (FaultProxy proxy = new FaultProxy(HOST, PORT)) {
            Connection c = factory(proxy).newConnection();
            CountDownLatch lost = new CountDownLatch(1);
            c.addShutdownListener(cause -> lost.countDown());
            assertThat(proxy.open()).isEqualTo(1);
            proxy.cut();
            assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(c.isOpen()).isFalse();
            try (Connection again = factory(proxy).newConnection()) {
                assertThat(again.isOpen()).isTrue();
            }
        }
    }

    @Test
    void refusedConnectionsFailAndPausedOnesHang() throws Exception {
        try (FaultProxy proxy = new FaultProxy(HOST, PORT)) {
            proxy.refuse(true);
            assertThatThrownBy(() -> factory(proxy).newConnection()).isInstanceOf(java.io.IOException.class);
            proxy.refuse(false);
            ConnectionFactory f = factory(proxy);
            f.setRequestedHeartbeat(1);
            Connection c = f.newConnection();
            CountDownLatch lost = new CountDownLatch(1);
            c.addShutdownListener(cause -> lost.countDown());
            proxy.pause();
            // No bytes flow: the client misses heartbeats and gives the connection up.
            assertThat(lost.await(15, TimeUnit.SECONDS)).isTrue();
            proxy.resume();
        }
    }
}
