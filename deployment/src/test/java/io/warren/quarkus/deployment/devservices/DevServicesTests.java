package io.warren.quarkus.deployment.devservices;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.QuarkusUnitTest;

/** Helpers shared by the Dev Services tests. */
final class DevServicesTests {

    private DevServicesTests() {
    }

    static QuarkusUnitTest app(Map<String, String> config) {
        QuarkusUnitTest test = new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(Pings.class, DevServicesTests.class));
        config.forEach(test::overrideConfigKey);
        return test;
    }

    /** A loopback port with nothing listening (it was free a moment ago). */
    static int deadPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String product(String host, int port) throws Exception {
        try (Connection c = connect(host, port)) {
            return c.getServerProperties().get("product").toString();
        }
    }

    static boolean queueExists(String host, int port, String queue) throws Exception {
        try (Connection c = connect(host, port)) {
            Channel ch = c.createChannel();
            try {
                ch.queueDeclarePassive(queue);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    static Connection connect(String host, int port) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        return f.newConnection("devservices-test");
    }
}
