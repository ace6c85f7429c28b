package io.warren.quarkus.deployment.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI card's data, read in dev mode through the Dev UI's JSON-RPC endpoint as the page does: every Warren
 * channel with its direction, queue or exchange, connection state and counters, true to what went through.
 */
class DevUiTest {

    static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    static final int BROKER_PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));
    static final String QUEUE = run("warren.test.devui-queue");
    static final int HTTP_PORT = freePort();

    @RegisterExtension
    static final QuarkusDevModeTest APP = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClass(DevUiApp.class)
                    .addAsResource(new StringAsset(String.join("\n",
                            "quarkus.http.port=" + HTTP_PORT,
                            "rabbitmq-host=" + HOST,
                            "rabbitmq-port=" + BROKER_PORT,
                            "mp.messaging.incoming.devui-in.connector=warren",
                            "mp.messaging.incoming.devui-in.exchange.name=\"\"",
                            "mp.messaging.incoming.devui-in.queue.name=" + QUEUE,
                            "mp.messaging.incoming.devui-in.queue.auto-delete=true",
                            "mp.messaging.outgoing.devui-out.connector=warren",
                            "mp.messaging.outgoing.devui-out.exchange.name=\"\"",
                            "mp.messaging.outgoing.devui-out.default-routing-key=nowhere-" + QUEUE,
                            "mp.messaging.outgoing.devui-out.mandatory=false",
                            "")), "application.properties"));

    private static String run(String property) {
        String name = System.getProperty(property);
        if (name == null) {
            name = "devui-" + UUID.randomUUID().toString().substring(0, 8);
            System.setProperty(property, name);
        }
        return name;
    }

    private static int freePort() {
        String kept = System.getProperty("warren.test.devui-port");
        if (kept != null) {
            return Integer.parseInt(kept);
        }
        try (ServerSocket s = new ServerSocket(0)) {
            System.setProperty("warren.test.devui-port", String.valueOf(s.getLocalPort()));
            return s.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (Connection c = connect()) {
            c.createChannel().queueDelete(QUEUE);
        }
    }

    static Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(BROKER_PORT);
        return f.newConnection("warren-devui-test");
    }

    @Test
    void theCardListsEveryChannelWithItsStateAndCounters() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, JsonNode> channels = channels();
            assertThat(channels).containsKeys("devui-in", "devui-out");
            assertThat(channels.get("devui-in").get("state").asText()).isEqualTo("up");
            assertThat(channels.get("devui-out").get("state").asText()).isEqualTo("up");
        });
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            AMQP.BasicProperties text = new AMQP.BasicProperties.Builder().contentType("text/plain").build();
            for (String name : new String[] { "ada", "grace", "linus", "poison-1" }) {
                ch.basicPublish("", QUEUE, text, name.getBytes(StandardCharsets.UTF_8));
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, JsonNode> channels = channels();
            JsonNode in = channels.get("devui-in");
            assertThat(in.get("direction").asText()).isEqualTo("incoming");
            assertThat(in.get("queue").asText()).isEqualTo(QUEUE);
            assertThat(in.get("delivered").asLong()).as(in.toString()).isEqualTo(4);
            assertThat(in.get("acked").asLong()).isEqualTo(3);
            assertThat(in.get("failed").asLong()).isEqualTo(1);
            assertThat(in.get("failureStrategy").asText()).isEqualTo("reject");
            assertThat(in.get("inFlight").asLong()).isZero();
            JsonNode out = channels.get("devui-out");
            assertThat(out.get("direction").asText()).isEqualTo("outgoing");
            assertThat(out.get("exchange").asText()).isEmpty();
            assertThat(out.get("sent").asLong()).as(out.toString()).isEqualTo(3);
            assertThat(out.get("confirmed").asLong()).isEqualTo(3);
            assertThat(out.get("awaitingConfirm").asLong()).isZero();
        });
    }

    @Test
    void theCardAndItsPageAreServed() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> component = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + HTTP_PORT + "/q/dev-ui/quarkus-warren/qwc-warren-channels.js"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(component.statusCode()).isEqualTo(200);
        assertThat(component.body()).contains("customElements.define('qwc-warren-channels'", "getChannels");
    }

    private static Map<String, JsonNode> channels() throws Exception {
        JsonNode rows = DevUiJsonRpc.call(HTTP_PORT, "quarkus-warren_getChannels");
        Map<String, JsonNode> byName = new HashMap<>();
        rows.forEach(r -> byName.put(r.get("channel").asText(), r));
        return byName;
    }
}
