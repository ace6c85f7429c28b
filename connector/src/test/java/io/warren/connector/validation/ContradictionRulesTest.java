package io.warren.connector.validation;

import static io.warren.connector.validation.Channels.incoming;
import static io.warren.connector.validation.Channels.only;
import static io.warren.connector.validation.Channels.outgoing;
import static io.warren.connector.validation.Channels.validate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Settings that contradict each other, as plain functions. */
class ContradictionRulesTest {

    private static final String IN = "mp.messaging.incoming.orders.";
    private static final String OUT = "mp.messaging.outgoing.prices.";

    @Test
    void deadLetterNeedsSomewhereToSend() {
        ConfigProblem p = only(validate(incoming("orders", "failure-strategy", "dead-letter")), IN + "failure-strategy");
        assertThat(p.isError()).isTrue();
        assertThat(p.problem()).startsWith("dead-letter has nowhere to send");
        assertThat(p.fix()).contains(IN + "auto-bind-dlq=true").contains(IN + "dead-letter-exchange");
        assertThat(validate(incoming("orders", "failure-strategy", "dead-letter", "auto-bind-dlq", "true"))).isEmpty();
        assertThat(validate(incoming("orders", "failure-strategy", "dead-letter", "dead-letter-exchange", "errors")))
                .isEmpty();
    }

    @Test
    void autoBindDlqNeedsTheQueueDeclared() {
        ConfigProblem p = only(validate(incoming("orders", "auto-bind-dlq", "true", "queue.declare", "false")),
                IN + "auto-bind-dlq");
        assertThat(p.problem()).startsWith("auto-bind-dlq cannot work with queue.declare=false");
    }

    @Test
    void streamsTakeNoStrategyThatPutsMessagesBack() {
        // The default reject is settled as an ack on a stream, so it is fine there.
        assertThat(validate(incoming("orders", "queue.x-queue-type", "stream"))).isEmpty();
        ConfigProblem requeue = only(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy",
                "requeue")), IN + "failure-strategy");
        assertThat(requeue.problem()).contains("closes the connection (NOT_IMPLEMENTED)");
        assertThat(requeue.fix()).contains("reject or accept").contains("dead-letter");
        for (String strategy : List.of("requeue", "fail", "retry")) {
            assertThat(only(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy",
                    strategy)), IN + "failure-strategy").value()).isEqualTo(strategy);
        }
        assertThat(only(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy", "retry")),
                IN + "failure-strategy").problem()).startsWith("retry appends copies");
        assertThat(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy", "accept")))
                .isEmpty();
    }

    @Test
    void replicatedQueuesAreDurableSharedAndWithoutPriorities() {
        List<ConfigProblem> problems = validate(incoming("orders", "queue.x-queue-type", "quorum",
                "queue.exclusive", "true", "queue.auto-delete", "true", "queue.durable", "false",
                "queue.x-max-priority", "5"));
        assertThat(problems).extracting(ConfigProblem::property).containsExactly(IN + "queue.auto-delete",
                IN + "queue.durable", IN + "queue.exclusive", IN + "queue.x-max-priority");
        assertThat(problems).allSatisfy(p -> assertThat(p.problem()).contains("for quorum queues (PRECONDITION_FAILED"));
        // Not declared by Warren: the broker has the queue already, so its flags do not matter.
        assertThat(validate(incoming("orders", "queue.x-queue-type", "quorum", "queue.declare", "false",
                "queue.exclusive", "true"))).isEmpty();
    }

    @Test
    void streamsTakeNoDeadLetterExchangeTtlOrUnboundedPrefetch() {
        List<ConfigProblem> problems = validate(incoming("orders", "queue.x-queue-type", "stream",
                "failure-strategy", "accept", "auto-bind-dlq", "true", "queue.ttl", "1000",
                "max-outstanding-messages", "0"));
        assertThat(problems).extracting(ConfigProblem::property).containsExactly(IN + "auto-bind-dlq",
                IN + "max-outstanding-messages", IN + "queue.ttl");
        assertThat(only(problems, IN + "max-outstanding-messages").problem()).contains("consumer prefetch count");
    }

    @Test
    void aStreamOffsetNeedsAStreamQueue() {
        assertThat(only(validate(incoming("orders", "stream.offset", "first")), IN + "stream.offset").problem())
                .contains("declared as a classic queue");
        assertThat(only(validate(incoming("orders", "queue.x-queue-type", "quorum", "stream.offset", "first")),
                IN + "stream.offset").problem()).contains("the queue is a quorum queue");
        // A queue declared elsewhere may be a stream.
        assertThat(validate(incoming("orders", "queue.declare", "false", "stream.offset", "first"))).isEmpty();
    }

    @Test
    void aBatchLargerThanThePrefetchNeverFills() {
        ConfigProblem p = only(validate(incoming("orders", "batch", "true", "batch.size", "500",
                "max-outstanding-messages", "100")), IN + "batch.size");
        assertThat(p.isError()).isTrue();
        assertThat(p.problem()).startsWith("a batch can never fill").contains("max-outstanding-messages=100");
        assertThat(only(validate(incoming("orders", "batch", "true", "max-outstanding-messages", "50")),
                IN + "batch.size").value()).isEqualTo("100 (the default)");
        assertThat(validate(incoming("orders", "batch", "true", "batch.size", "50"))).isEmpty();
    }

    @Test
    void ackBatchesLargerThanThePrefetchAndAnUnboundedPrefetchAreWarnings() {
        // The default is capped silently; a value the user set above half the prefetch is worth a warning.
        assertThat(validate(incoming("orders", "max-outstanding-messages", "8"))).isEmpty();
        ConfigProblem ack = only(validate(incoming("orders", "max-outstanding-messages", "8", "ack-batch-size", "6")),
                IN + "ack-batch-size");
        assertThat(ack.isError()).isFalse();
        assertThat(ack.value()).isEqualTo("6");
        assertThat(ack.problem()).contains("uses 4");
        ConfigProblem unbounded = only(validate(incoming("orders", "max-outstanding-messages", "0")),
                IN + "max-outstanding-messages");
        assertThat(unbounded.isError()).isFalse();
        assertThat(unbounded.problem()).contains("whole backlog");
    }

    @Test
    void theFirstRetryDelayCannotExceedTheCap() {
        ConfigProblem p = only(validate(incoming("orders", "failure-strategy", "retry", "retry.initial-delay", "5000",
                "retry.max-delay", "1000")), IN + "retry.initial-delay");
        assertThat(p.problem()).contains("longer than retry.max-delay=1000");
    }

    @Test
    void settingsSwitchedOffByAnotherSettingAreWarnings() {
        List<ConfigProblem> problems = validate(incoming("orders", "retry.max-attempts", "5", "batch.timeout", "50",
                "deduplication.ttl", "10", "dead-letter.include-stacktrace", "true", "trust-all", "true",
                "exchange.name", "\"\"", "routing-keys", "a.b", "dead-letter-queue-type", "quorum"),
                outgoing("prices", "publish-confirms", "false", "confirm-timeout", "100"));
        assertThat(problems).allSatisfy(p -> assertThat(p.isError()).isFalse());
        // confirm-timeout also bounds the wait of a message while the channel is down, with or without confirms.
        assertThat(problems).extracting(ConfigProblem::property).containsExactly(IN + "batch.timeout",
                IN + "dead-letter-queue-type", IN + "dead-letter.include-stacktrace", IN + "deduplication.ttl",
                IN + "retry.max-attempts", IN + "routing-keys", IN + "trust-all");
        assertThat(only(problems, IN + "routing-keys").problem())
                .isEqualTo("routing-keys has no effect on the default exchange (exchange.name=\"\"), which takes no "
                        + "bindings");
    }

    @Test
    void mandatoryWithoutConfirmsIsRefusedBecauseAReturnCouldNotNackAnything() {
        ConfigProblem p = only(validate(outgoing("prices", "publish-confirms", "false", "mandatory", "true")),
                OUT + "mandatory");
        assertThat(p.isError()).isTrue();
        assertThat(p.problem()).contains("needs publish-confirms=true", "lost silently");
        // Without mandatory set, confirms off means fire and forget: no complaint.
        assertThat(validate(outgoing("prices", "publish-confirms", "false"))).isEmpty();
    }

    @Test
    void onlyAZeroPrefetchIsWarnedAsUnbounded() {
        assertThat(validate(incoming("orders", "max-outstanding-messages", "-1")))
                .extracting(ConfigProblem::problem).noneMatch(text -> text.contains("removes the prefetch limit"));
    }

    @Test
    void aCustomStrategyMayUseAnySetting() {
        assertThat(validate(incoming("orders", "failure-strategy", "park", "retry.max-attempts", "5"))).isEmpty();
    }

    @Test
    void aContradictionWithAValueKnownOnlyAtRunTimeWaitsForIt() {
        assertThat(validate(Channels.withUnresolved(incoming("orders", "queue.x-queue-type", "stream"),
                "failure-strategy"))).isEmpty();
        assertThat(validate(Channels.withUnresolved(incoming("orders", "failure-strategy", "dead-letter"),
                "auto-bind-dlq"))).isEmpty();
    }
}
