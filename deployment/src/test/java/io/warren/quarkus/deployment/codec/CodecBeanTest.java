package io.warren.quarkus.deployment.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import io.quarkus.builder.BuildContext;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A codec bean in a Quarkus application: the connector uses it both ways (a channel configured for its content type
 * writes with it, and a message of that content type is read with it), and the build registers the codec's declared
 * type and its implementations for reflection.
 */
class CodecBeanTest {

    static final String RUN = "codec-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
    static final String QUEUE = System.getProperty("warren.codec-test.queue", RUN);

    @ApplicationScoped
    public static class Sensors {
        final List<Reading> readings = new CopyOnWriteArrayList<>();

        @Inject
        @Channel("readings-out")
        Emitter<Reading> out;

        @Incoming("readings")
        public void take(Reading r) {
            readings.add(r);
        }

        List<Reading> readings() {
            return readings;
        }

        void send(Reading r) {
            out.send(r);
        }
    }

    static {
        System.setProperty("warren.codec-test.queue", QUEUE);
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Sensors.class, CsvRow.class, Reading.class, CsvCodec.class))
            .overrideConfigKey("rabbitmq-host", System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1"))
            .overrideConfigKey("rabbitmq-port", System.getenv().getOrDefault("RABBITMQ_PORT", "5672"))
            // Named: the in-memory connector on the test class path makes Quarkus attach nothing by itself.
            .overrideConfigKey("mp.messaging.incoming.readings.connector", "warren")
            .overrideConfigKey("mp.messaging.outgoing.readings-out.connector", "warren")
            .overrideConfigKey("mp.messaging.incoming.readings.queue.name", QUEUE)
            .overrideConfigKey("mp.messaging.incoming.readings.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.readings.queue.auto-delete", "true")
            .overrideConfigKey("mp.messaging.outgoing.readings-out.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.outgoing.readings-out.default-routing-key", QUEUE)
            .overrideConfigKey("mp.messaging.outgoing.readings-out.content-type", "text/csv")
            .addBuildChainCustomizer(chain -> chain.addBuildStep((BuildContext context) -> {
                Set<String> registered = new java.util.TreeSet<>();
                for (ReflectiveClassBuildItem item : context.consumeMulti(ReflectiveClassBuildItem.class)) {
                    if (item.getReason() != null && item.getReason().contains("CodecProcessor")) {
                        registered.addAll(item.getClassNames());
                    }
                }
                // The build and the test run in different class loaders: pass it through a system property.
                System.setProperty("warren.codec-test.registered", String.join(",", registered));
                context.produce(new FeatureBuildItem("codec-test-probe"));
            }).consumes(ReflectiveClassBuildItem.class).produces(FeatureBuildItem.class).build());

    @Inject
    Sensors sensors;

    @Test
    void theCodecWritesAndReadsItsContentTypeAndItsTypesAreRegistered() throws Exception {
        assertThat(System.getProperty("warren.codec-test.registered", "").split(",")).contains(CsvRow.class.getName(), Reading.class.getName());
        sensors.send(new Reading("t-1", 21));
        await().atMost(Duration.ofSeconds(15)).until(() -> sensors.readings().size() == 1);
        assertThat(sensors.readings()).containsExactly(new Reading("t-1", 21));
        try (Connection c = com.rabbitmq.client.ConnectionFactory.class.getDeclaredConstructor().newInstance()
                .newConnection()) {
            // From another client, in the codec's format: read with the codec too.
            c.createChannel().basicPublish("", QUEUE, new AMQP.BasicProperties.Builder().contentType("text/csv")
                    .build(), "t-2,-4".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> sensors.readings().size() == 2);
        assertThat(sensors.readings().get(1)).isEqualTo(new Reading("t-2", -4));
    }
}
