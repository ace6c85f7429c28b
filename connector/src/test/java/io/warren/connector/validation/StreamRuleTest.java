package io.warren.connector.validation;

import static io.warren.connector.validation.Channels.incoming;
import static io.warren.connector.validation.Channels.only;
import static io.warren.connector.validation.Channels.outgoing;
import static io.warren.connector.validation.Channels.validate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Channels on the native stream protocol, as plain functions. */
class StreamRuleTest {

    private static final String IN = "mp.messaging.incoming.orders.";

    @Test
    void strategiesThatMakeSenseOnAStreamPass() {
        for (String strategy : new String[] { "reject", "accept", "retry" }) {
            assertThat(validate(incoming("orders", "stream.protocol", "native", "failure-strategy", strategy)))
                    .isEmpty();
        }
        assertThat(validate(incoming("orders", "stream.protocol", "native", "failure-strategy", "dead-letter",
                "stream.dead-letter-stream", "orders.dlq"))).isEmpty();
        assertThat(validate(incoming("orders", "stream.protocol", "native", "failure-strategy", "dead-letter",
                "dead-letter-exchange", "errors"))).isEmpty();
        assertThat(validate(incoming("orders", "stream.protocol", "native", "stream.offset", "next"))).isEmpty();
    }

    @Test
    void requeueAndFailAreRefusedWithTheReason() {
        ConfigProblem requeue = only(validate(incoming("orders", "stream.protocol", "native", "failure-strategy",
                "requeue")), IN + "failure-strategy");
        assertThat(requeue.isError()).isTrue();
        assertThat(requeue.problem()).startsWith("a stream never takes a message back");
        assertThat(requeue.fix()).contains("retry").contains(IN + "stream.dead-letter-stream").contains("reject");
        ConfigProblem fail = only(validate(incoming("orders", "stream.protocol", "native", "failure-strategy", "fail")),
                IN + "failure-strategy");
        assertThat(fail.problem()).contains("one bad message stops the consumer for good");
    }

    @Test
    void deadLetterNeedsAStreamOrAnExchange() {
        ConfigProblem p = only(validate(incoming("orders", "stream.protocol", "native", "failure-strategy",
                "dead-letter")), IN + "failure-strategy");
        assertThat(p.problem()).startsWith("dead-letter has nowhere to send");
        assertThat(p.fix()).contains(IN + "stream.dead-letter-stream");
    }

    @Test
    void unsupportedAndMalformedSettingsAreRefused() {
        assertThat(only(validate(incoming("orders", "stream.protocol", "native", "batch", "true")), IN + "batch")
                .problem()).contains("not supported on native stream channels");
        assertThat(only(validate(incoming("orders", "stream.protocol", "native", "auto-bind-dlq", "true")),
                IN + "auto-bind-dlq").problem()).startsWith("a stream does not dead-letter");
        assertThat(only(validate(incoming("orders", "stream.protocol", "native", "stream.max-age", "7 days")),
                IN + "stream.max-age").fix()).contains("7D");
        assertThat(only(validate(incoming("orders", "stream.protocol", "nativ")), IN + "stream.protocol").fix())
                .contains("did you mean 'native'");
        assertThat(validate(incoming("orders", "stream.protocol", "native", "stream.max-age", "12h"))).isEmpty();
    }

    @Test
    void settingsOfTheOtherProtocolAreWarnedAbout() {
        ConfigProblem ignored = only(validate(incoming("orders", "stream.consumer-name", "billing")),
                IN + "stream.consumer-name");
        assertThat(ignored.isError()).isFalse();
        assertThat(ignored.problem()).contains("has no effect without stream.protocol=native");
        ConfigProblem amqp = only(validate(outgoing("prices", "stream.protocol", "native", "mandatory", "false")),
                "mp.messaging.outgoing.prices.mandatory");
        assertThat(amqp.isError()).isFalse();
    }
}
