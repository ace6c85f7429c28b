package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Settings that contradict each other fail the build, one channel per contradiction, all in one report. */
class ContradictionsBuildTest {

    @ApplicationScoped
    public static class Consumers {
        @Incoming("dlq")
        public void dlq(String s) {
        }

        @Incoming("stream")
        public void stream(String s) {
        }

        @Incoming("undeclared")
        public void undeclared(String s) {
        }

        @Incoming("batches")
        public void batches(List<String> s) {
        }

        @Incoming("offset")
        public void offset(String s) {
        }

        @Incoming("quorum")
        public void quorum(String s) {
        }

        @Incoming("retries")
        public void retries(String s) {
        }

        @Incoming("events")
        public void events(String s) {
        }
    }

    private static final String P = "mp.messaging.incoming.";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Consumers.class))
            .overrideConfigKey("mp.messaging.connector.warren.exchange.type", "direct")
            .overrideConfigKey(P + "dlq.failure-strategy", "dead-letter")
            .overrideConfigKey(P + "stream.queue.x-queue-type", "stream")
            .overrideConfigKey(P + "stream.failure-strategy", "requeue")
            .overrideConfigKey(P + "undeclared.auto-bind-dlq", "true")
            .overrideConfigKey(P + "undeclared.queue.declare", "false")
            .overrideConfigKey(P + "batches.batch", "true")
            .overrideConfigKey(P + "batches.batch.size", "500")
            .overrideConfigKey(P + "batches.max-outstanding-messages", "100")
            .overrideConfigKey(P + "offset.stream.offset", "first")
            .overrideConfigKey(P + "quorum.queue.x-queue-type", "quorum")
            .overrideConfigKey(P + "quorum.queue.exclusive", "true")
            .overrideConfigKey(P + "retries.failure-strategy", "retry")
            .overrideConfigKey(P + "retries.retry.initial-delay", "5000")
            .overrideConfigKey(P + "retries.retry.max-delay", "1000")
            .overrideConfigKey(P + "events.queue.x-queue-type", "stream")
            .overrideConfigKey(P + "events.failure-strategy", "accept")
            .overrideConfigKey(P + "events.auto-bind-dlq", "true")
            .overrideConfigKey(P + "events.queue.ttl", "60000")
            .overrideConfigKey(P + "events.max-outstanding-messages", "0")
            .assertException(t -> {
                Failures.assertBuildFailed(t);
                String[] lines = Failures.problemLines(Failures.configurationError(t));
                assertThat(lines).hasSize(10);
                assertThat(lines[0]).startsWith(P + "batches.batch.size=500: a batch can never fill: the broker sends "
                        + "at most max-outstanding-messages=100 unacknowledged messages");
                assertThat(lines[1]).startsWith(P + "dlq.failure-strategy=dead-letter: dead-letter has nowhere to send")
                        .contains("Fix: set " + P + "dlq.auto-bind-dlq=true");
                assertThat(lines[2]).startsWith(P + "events.auto-bind-dlq=true: RabbitMQ refuses x-dead-letter-exchange "
                        + "(streams do not dead-letter) for stream queues");
                assertThat(lines[3]).startsWith(P + "events.max-outstanding-messages=0: RabbitMQ refuses to deliver "
                        + "from a stream without a prefetch limit");
                assertThat(lines[4]).startsWith(P + "events.queue.ttl=60000: RabbitMQ refuses x-message-ttl");
                assertThat(lines[5]).startsWith(P + "offset.stream.offset=first: stream.offset only applies to stream "
                        + "queues, and the queue is declared as a classic queue");
                assertThat(lines[6]).startsWith(P + "quorum.queue.exclusive=true: RabbitMQ refuses exclusive queues "
                        + "for quorum queues");
                assertThat(lines[7]).startsWith(P + "retries.retry.initial-delay=5000: the first retry delay is longer "
                        + "than retry.max-delay=1000");
                assertThat(lines[8]).startsWith(P + "stream.failure-strategy=requeue: requeue puts failed messages "
                        + "back with basic.nack(requeue=true); RabbitMQ does not support it on streams");
                assertThat(lines[9]).startsWith(P + "undeclared.auto-bind-dlq=true: auto-bind-dlq cannot work with "
                        + "queue.declare=false");
            });

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
