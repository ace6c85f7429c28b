package io.warren.connector.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * The real broker the tests run against: 127.0.0.1:5672 unless RABBITMQ_HOST / RABBITMQ_PORT say otherwise.
 * Opens a plain amqp-client connection for setup and checks, and talks to the management API to close connections.
 */
public final class Broker implements AutoCloseable {

    public static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));
    public static final int MANAGEMENT_PORT = Integer
            .parseInt(System.getenv().getOrDefault("RABBITMQ_MANAGEMENT_PORT", "15672"));

    private final Connection connection;
    private final Channel channel;

    public Broker() throws IOException, TimeoutException {
        this(HOST, PORT);
    }

    /** A broker elsewhere, such as the embedded one. */
    public Broker(String host, int port) throws IOException, TimeoutException {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setUsername("guest");
        f.setPassword("guest");
        connection = f.newConnection("warren-test-admin");
        channel = connection.createChannel();
    }

    /** A name no other run uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Channel channel() {
        return channel;
    }

    public void declareQueue(String queue, Map<String, Object> args) throws IOException {
        channel.queueDeclare(queue, true, false, false, args);
    }

    public void publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body)
            throws IOException {
        channel.basicPublish(exchange, routingKey, props, body);
    }

    public void publishJson(String queue, String messageId, String json) throws IOException {
        publish("", queue, new AMQP.BasicProperties.Builder().contentType("application/json").messageId(messageId)
                .deliveryMode(2).build(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Ready messages in the queue (excludes unacked ones). */
    public int count(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    public GetResponse get(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    public void deleteQueues(String... queues) {
        for (String q : queues) {
            try {
                channel.queueDelete(q);
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }

    public void deleteExchanges(String... exchanges) {
        for (String x : exchanges) {
            try {
                channel.exchangeDelete(x);
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }

    /** Closes, from the broker side, every client connection whose name starts with the prefix. */
    public static int closeConnections(String namePrefix) throws IOException, InterruptedException {
        // The management API lists a new connection only after its next statistics round (up to 5 s).
        long deadline = System.currentTimeMillis() + 15_000;
        int closed;
        while ((closed = closeConnectionsOnce(namePrefix)) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        return closed;
    }

    /** Waits until the management API lists a connection whose name starts with the prefix. */
    public static void awaitListed(String namePrefix) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            if (!listConnections(namePrefix).isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("No connection named " + namePrefix + "* appeared in the management API");
    }

    private static java.util.List<String> listConnections(String namePrefix) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + MANAGEMENT_PORT
                + "/api/connections?columns=name,client_properties")).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode c : new com.fasterxml.jackson.databind.ObjectMapper().readTree(list)) {
            if (c.path("client_properties").path("connection_name").asText("").startsWith(namePrefix)) {
                ids.add(c.path("name").asText());
            }
        }
        return ids;
    }

    private static int closeConnectionsOnce(String namePrefix) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        String base = "http://" + HOST + ":" + MANAGEMENT_PORT + "/api/connections";
        String list = http.send(HttpRequest.newBuilder(URI.create(base + "?columns=name,client_properties"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body();
        int closed = 0;
        for (com.fasterxml.jackson.databind.JsonNode c : new com.fasterxml.jackson.databind.ObjectMapper().readTree(list)) {
            String name = c.path("client_properties").path("connection_name").asText("");
            if (name.startsWith(namePrefix)) {
                String id = URLEncoder.encode(c.path("name").asText(), StandardCharsets.UTF_8).replace("+", "%20");
                int status = http.send(HttpRequest.newBuilder(URI.create(base + "/" + id)).DELETE()
                        .header("Authorization", auth).header("X-Reason", "test-injected fault").build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status / 100 == 2) {
                    closed++;
                }
            }
        }
        return closed;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
