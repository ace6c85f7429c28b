package io.warren.connector.validation;

import static io.warren.connector.validation.Channels.incoming;
import static io.warren.connector.validation.Channels.only;
import static io.warren.connector.validation.Channels.outgoing;
import static io.warren.connector.validation.Channels.validate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.warren.connector.WarrenConnector;

/** Attribute names and values, as plain functions. */
class NameAndValueRulesTest {

    private static final String IN = "mp.messaging.incoming.orders.";
    private static final String OUT = "mp.messaging.outgoing.prices.";

    @Test
    void aValidChannelHasNoProblems() {
        assertThat(validate(incoming("orders", "connector", "warren", "queue.name", "orders", "exchange.type",
                "direct", "max-outstanding-messages", "100", "queue.durable", "true", "concurrency", "2",
                "failure-strategy", "dead-letter", "auto-bind-dlq", "true"),
                incoming("events", "queue.x-queue-type", "stream", "stream.offset", "first", "failure-strategy",
                        "accept"),
                outgoing("prices", "connector", "warren", "exchange.type", "x-delayed-message", "reply.mode",
                        "DIRECT", "addresses", "rabbit1:5672, rabbit2"))).isEmpty();
    }

    @Test
    void anUnknownNameIsAnErrorWithTheClosestKnownName() {
        ConfigProblem p = only(validate(incoming("orders", "queue.nmae", "orders")), IN + "queue.nmae");
        assertThat(p.isError()).isTrue();
        assertThat(p.value()).isEqualTo("orders");
        assertThat(p.problem()).isEqualTo("unknown attribute 'queue.nmae'");
        assertThat(p.fix()).startsWith("did you mean 'queue.name'?").contains(IN + "queue.name");
        assertThat(only(validate(incoming("orders", "concurency", "2")), IN + "concurency").fix())
                .startsWith("did you mean 'concurrency'?");
    }

    @Test
    void aNameFarFromEveryAttributePointsToTheReference() {
        ConfigProblem p = only(validate(incoming("orders", "automatic-recovery-enabled", "true")),
                IN + "automatic-recovery-enabled");
        assertThat(p.fix()).contains("docs/attributes.md").contains("migration-from-smallrye-rabbitmq");
    }

    @Test
    void smallRyeKeysAreKnown() {
        assertThat(validate(incoming("orders", "connector", "warren", "enabled", "true", "broadcast", "true",
                "merge", "false", "concurrency", "3", "pausable", "true", "pausable.initially-paused", "true")))
                .isEmpty();
    }

    @Test
    void anAttributeOfTheOtherDirectionIsAnError() {
        ConfigProblem p = only(validate(outgoing("prices", "queue.name", "q")), OUT + "queue.name");
        assertThat(p.problem()).isEqualTo("'queue.name' is an incoming attribute, and outgoing channels ignore it");
        assertThat(p.fix()).contains("mp.messaging.incoming.prices.queue.name");
        assertThat(only(validate(incoming("orders", "publish-confirms", "false")), IN + "publish-confirms")
                .problem()).contains("outgoing attribute");
    }

    @Test
    void aGlobalAliasUsedOnAChannelIsExplained() {
        ConfigProblem p = only(validate(incoming("orders", "rabbitmq-host", "h")), IN + "rabbitmq-host");
        assertThat(p.fix()).contains(IN + "host").contains("'rabbitmq-host' (without prefix)");
    }

    @Test
    void channelNameIsReserved() {
        assertThat(only(validate(incoming("orders", "channel-name", "x")), IN + "channel-name").problem())
                .contains("reserved");
    }

    @Test
    void booleansMustBeBooleans() {
        ConfigProblem p = only(validate(incoming("orders", "queue.durable", "flase")), IN + "queue.durable");
        assertThat(p.problem()).contains("'flase' is not a boolean").contains("reads it as false");
        assertThat(p.fix()).isEqualTo("write true or false");
        assertThat(validate(incoming("orders", "queue.durable", "FALSE", "queue.exclusive", "no", "batch", "on")))
                .isEmpty();
    }

    @Test
    void numbersMustParseAndBeInRange() {
        assertThat(only(validate(incoming("orders", "max-outstanding-messages", "lots")),
                IN + "max-outstanding-messages").problem()).isEqualTo("'lots' is not a whole number that fits in an int");
        ConfigProblem range = only(validate(incoming("orders", "max-outstanding-messages", "70000")),
                IN + "max-outstanding-messages");
        assertThat(range.problem()).isEqualTo("'max-outstanding-messages' is out of range");
        assertThat(range.fix()).isEqualTo("use a value from 0 to 65535");
        assertThat(only(validate(incoming("orders", "port", "0")), IN + "port").fix())
                .isEqualTo("use a value from 1 to 65535");
        assertThat(only(validate(incoming("orders", "queue.x-max-priority", "300")), IN + "queue.x-max-priority")
                .fix()).isEqualTo("use a value from 1 to 255");
        assertThat(only(validate(incoming("orders", "failure-strategy", "retry", "retry.jitter", "1.5")),
                IN + "retry.jitter").fix())
                .isEqualTo("use a value from 0.0 to 1.0");
        assertThat(only(validate(incoming("orders", "failure-strategy", "retry", "retry.multiplier", "two")),
                IN + "retry.multiplier").problem())
                .isEqualTo("'two' is not a number");
        assertThat(only(validate(incoming("orders", "port", "99999999999")), IN + "port")
                .problem()).contains("fits in an int");
    }

    @Test
    void durationsAreNumbersOfMillisecondsAndAUnitGetsTheNumberMeant() {
        ConfigProblem p = only(validate(outgoing("prices", "confirm-timeout", "5s")), OUT + "confirm-timeout");
        assertThat(p.problem()).isEqualTo("'confirm-timeout' is a number of milliseconds, written without a unit");
        assertThat(p.fix()).isEqualTo("write 5000");
        assertThat(only(validate(incoming("orders", "failure-strategy", "retry", "retry.max-delay", "PT1M")),
                IN + "retry.max-delay").fix())
                .isEqualTo("write 60000");
        assertThat(only(validate(incoming("orders", "requested-heartbeat", "2m")), IN + "requested-heartbeat")
                .fix()).isEqualTo("write 120");
        assertThat(only(validate(incoming("orders", "batch", "true", "batch.timeout", "-5")), IN + "batch.timeout").fix())
                .isEqualTo("use a value 1 or more (milliseconds)");
    }

    @Test
    void enumerationsTakeTheirValuesAndSuggestTheClosest() {
        ConfigProblem p = only(validate(incoming("orders", "exchange.type", "topics")), IN + "exchange.type");
        assertThat(p.problem()).isEqualTo("'topics' is not a valid exchange.type");
        assertThat(p.fix()).isEqualTo("did you mean 'topic'? Use direct, fanout, headers, topic, or a plugin type "
                + "starting with 'x-'");
        assertThat(only(validate(incoming("orders", "queue.x-queue-type", "quorom")), IN + "queue.x-queue-type")
                .fix()).startsWith("did you mean 'quorum'?");
        assertThat(only(validate(outgoing("prices", "reply.mode", "drect")), OUT + "reply.mode").fix())
                .contains("auto, direct, queue");
        assertThat(only(validate(incoming("orders", "dlx.declare", "true", "dead-letter-exchange-type", "x-")),
                IN + "dead-letter-exchange-type").isError()).isTrue();
    }

    @Test
    void streamOffsetsAndAddressesHaveASyntax() {
        assertThat(only(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy", "accept",
                "stream.offset", "yesterday")), IN + "stream.offset").fix()).contains("first, last, next");
        assertThat(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy", "accept",
                "stream.offset", "2026-01-31T12:00:00Z"))).isEmpty();
        List<ConfigProblem> addresses = validate(incoming("orders", "addresses", "rabbit1:5672,rabbit2:99999,:1"));
        assertThat(addresses).extracting(ConfigProblem::problem)
                .containsExactlyInAnyOrder("the port of 'rabbit2:99999' is out of range", "':1' has no host");
    }

    @Test
    void aPayloadTypeMustBeOnTheClassPathWhenThatCanBeTold() {
        ValidationContext context = ValidationContext.of(WarrenConnector.attributes()).withClasses(Map.of("java.util.List", true,
                "com.acme.Order", true)::containsKey);
        assertThat(Channels.validate(context, incoming("orders", "payload-type", "java.util.List<com.acme.Order>")))
                .isEmpty();
        ConfigProblem p = only(Channels.validate(context, incoming("orders", "payload-type",
                "java.util.List<com.acme.Ordr>")), IN + "payload-type");
        assertThat(p.problem()).isEqualTo("class 'com.acme.Ordr' is not on the class path");
        assertThat(validate(incoming("orders", "payload-type", "com.acme.Ordr"))).isEmpty();
    }

    @Test
    void aValueKnownOnlyAtRunTimeIsNotJudgedAtBuildTime() {
        assertThat(validate(Channels.withUnresolved(incoming("orders"), "max-outstanding-messages"))).isEmpty();
    }

    @Test
    void everyProblemIsListedOnceSortedErrorsFirst() {
        List<ConfigProblem> problems = validate(incoming("orders", "queue.nmae", "o", "exchange.type", "topics",
                "max-outstanding-messages", "0", "batch.size", "5"));
        assertThat(problems).extracting(ConfigProblem::property).containsExactly(IN + "exchange.type",
                IN + "queue.nmae", IN + "batch.size", IN + "max-outstanding-messages");
        String report = ChannelConfigValidator.report(problems);
        assertThat(report).startsWith("Warren found 2 errors in the channel configuration:\n  - " + IN
                + "exchange.type=topics: 'topics' is not a valid exchange.type. Fix: did you mean 'topic'?")
                .contains("\nWarren found 2 warnings in the channel configuration:\n  - " + IN + "batch.size=5");
    }
}
