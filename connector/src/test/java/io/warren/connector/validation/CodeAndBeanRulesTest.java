package io.warren.connector.validation;

import static io.warren.connector.validation.Channels.incoming;
import static io.warren.connector.validation.Channels.only;
import static io.warren.connector.validation.Channels.outgoing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.warren.connector.WarrenConnector;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;
import io.warren.connector.validation.ValidationContext.NamedBeans;

/** Rules that need to know the code or the beans, as plain functions fed a code model and bean names. */
class CodeAndBeanRulesTest {

    private static final String IN = "mp.messaging.incoming.orders.";
    private static final ChannelRef ORDERS_IN = new ChannelRef("orders", ChannelDirection.INCOMING);

    private static ValidationContext withCode(Map<ChannelRef, CodeFacts> facts) {
        return ValidationContext.of(WarrenConnector.attributes()).withCode(new CodeModel(facts));
    }

    @Test
    void aChannelNoCodeUsesIsAnErrorSuggestingTheNearestUsedChannel() {
        ValidationContext context = withCode(Map.of(new ChannelRef("order", ChannelDirection.INCOMING),
                new CodeFacts("com.acme.Shop#take", "com.acme.Order", false)));
        ConfigProblem p = only(Channels.validate(context, incoming("orders", "connector", "warren")),
                IN + "connector");
        assertThat(p.value()).isEqualTo("warren");
        assertThat(p.problem()).isEqualTo("no method or injection point uses incoming channel 'orders'");
        assertThat(p.fix()).startsWith("did you mean the channel 'order'?")
                .contains("@Incoming(\"orders\")").contains(IN + "enabled=false");
    }

    @Test
    void aChannelUsedInTheOtherDirectionSaysWhereToMoveItsConfiguration() {
        ValidationContext context = withCode(Map.of(new ChannelRef("orders", ChannelDirection.OUTGOING),
                new CodeFacts("com.acme.Shop#emitter", "com.acme.Order", null)));
        ConfigProblem p = only(Channels.validate(context, incoming("orders", "queue.name", "q")), IN + "queue.name");
        assertThat(p.fix()).isEqualTo("com.acme.Shop#emitter uses 'orders' as an outgoing channel: move its "
                + "configuration to mp.messaging.outgoing.orders.*");
    }

    @Test
    void aDisabledChannelNeedsNoCode() {
        assertThat(Channels.validate(withCode(Map.of()), incoming("orders", "enabled", "false"))).isEmpty();
    }

    @Test
    void batchesNeedAMethodTakingAList() {
        ConfigProblem p = only(Channels.validate(withCode(Map.of(ORDERS_IN,
                new CodeFacts("com.acme.Shop#take", "com.acme.Order", false))), incoming("orders", "batch", "true")),
                IN + "batch");
        assertThat(p.problem()).isEqualTo("with batch=true the channel delivers a List of payloads, but "
                + "com.acme.Shop#take takes com.acme.Order");
        assertThat(p.fix()).startsWith("take List<com.acme.Order>");
        assertThat(Channels.validate(withCode(Map.of(ORDERS_IN, new CodeFacts("com.acme.Shop#take",
                "java.util.List<com.acme.Order>", true))), incoming("orders", "batch", "true"))).isEmpty();
        assertThat(Channels.validate(withCode(Map.of(ORDERS_IN, new CodeFacts("com.acme.Shop#take", null, null))),
                incoming("orders", "batch", "true"))).isEmpty();
    }

    @Test
    void withoutCodeKnowledgeNoCodeRuleRuns() {
        assertThat(Channels.validate(incoming("orders", "batch", "true"))).isEmpty();
    }

    @Test
    void aStrategyOrStoreMustBeBuiltInOrABean() {
        ValidationContext context = ValidationContext.of(WarrenConnector.attributes()).withBeans(NamedBeans.of(Set.of("park")),
                NamedBeans.lookup("redis"::equals));
        ConfigProblem typo = only(Channels.validate(context, incoming("orders", "failure-strategy", "dead_letter",
                "auto-bind-dlq", "true")), IN + "failure-strategy");
        assertThat(typo.problem()).isEqualTo("no failure-strategy is named 'dead_letter': it is not built in, and no "
                + "FailureHandler bean has @Identifier(\"dead_letter\")");
        assertThat(typo.fix()).startsWith("did you mean 'dead-letter'? Use reject, accept, requeue, fail, "
                + "dead-letter, retry, park, or add a FailureHandler bean");
        assertThat(only(Channels.validate(context, incoming("orders", "failure-strategy", "prak")),
                IN + "failure-strategy").fix()).startsWith("did you mean 'park'?");
        assertThat(Channels.validate(context, incoming("orders", "failure-strategy", "park"))).isEmpty();
        assertThat(Channels.validate(context, incoming("orders", "deduplication", "true", "deduplication.store",
                "redis"))).isEmpty();
        assertThat(only(Channels.validate(context, incoming("orders", "deduplication", "true",
                "deduplication.store", "memcached")), IN + "deduplication.store").problem())
                .contains("no DeduplicationStore bean has @Identifier(\"memcached\")");
    }

    @Test
    void outgoingChannelsHaveNoStrategies() {
        ValidationContext context = ValidationContext.of(WarrenConnector.attributes()).withBeans(NamedBeans.of(Set.of()),
                NamedBeans.of(Set.of()));
        List<ConfigProblem> problems = Channels.validate(context, outgoing("prices", "failure-strategy", "x"));
        assertThat(problems).extracting(ConfigProblem::problem)
                .containsExactly("'failure-strategy' is an incoming attribute, and outgoing channels ignore it");
    }
}
