package io.warren.connector.validation;

import static io.warren.connector.validation.Channels.incoming;
import static io.warren.connector.validation.Channels.only;
import static io.warren.connector.validation.Channels.outgoing;
import static io.warren.connector.validation.Channels.validate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules for broker arguments, TLS, credentials and SmallRye's names, as plain functions. */
class ProductionRulesTest {

    private static final String IN = "mp.messaging.incoming.orders.";
    private static final String OUT = "mp.messaging.outgoing.prices.";

    @Test
    void goodArgumentsPass() {
        assertThat(validate(incoming("orders", "queue.x-max-length", "10", "queue.x-overflow", "reject-publish",
                "queue.single-active-consumer", "true", "queue.arguments", "x-queue-mode:lazy,x-max-length:10",
                "consumer-priority", "5", "consumer-arguments", "x-priority:5", "exchange.type", "headers",
                "arguments", "x-match:any,format:pdf", "exchange.alternate-exchange", "ae"))).isEmpty();
        assertThat(validate(incoming("orders", "queue.x-queue-type", "stream", "queue.x-max-age", "7D",
                "queue.x-max-length-bytes", "1000000", "queue.x-stream-max-segment-size-bytes", "100000",
                "queue.x-queue-leader-locator", "balanced"))).isEmpty();
    }

    @Test
    void valuesAreCheckedLikeEveryOtherAttribute() {
        assertThat(only(validate(incoming("orders", "queue.x-max-length", "-1")), IN + "queue.x-max-length").problem())
                .contains("out of range");
        assertThat(only(validate(incoming("orders", "queue.x-overflow", "reject", "queue.x-max-length", "5")),
                IN + "queue.x-overflow").fix())
                .contains("reject-publish");
        assertThat(only(validate(incoming("orders", "queue.x-queue-type", "stream", "queue.x-max-age", "7d")),
                IN + "queue.x-max-age").fix()).contains("7D");
        assertThat(only(validate(incoming("orders", "queue.arguments", "x-max-length")), IN + "queue.arguments")
                .problem()).isEqualTo("'x-max-length' is not key:value");
        assertThat(only(validate(incoming("orders", "queue.arguments", "x-max-length:ten")), IN + "queue.arguments")
                .problem()).contains("must be a whole number");
        assertThat(only(validate(incoming("orders", "consumer-arguments", "x-priority:high")),
                IN + "consumer-arguments").problem()).contains("must be a whole number");
        assertThat(only(validate(incoming("orders", "queue.arguments", "x-queue-type:stream")), IN + "queue.arguments")
                .fix()).contains("queue.x-queue-type");
        assertThat(only(validate(outgoing("prices", "ssl", "true", "trust-store-type", "PFX", "trust-store-path", "/t")),
                OUT + "trust-store-type").isError()).isTrue();
    }

    @Test
    void anArgumentSetTwiceDifferentlyIsAnError() {
        ConfigProblem p = only(validate(incoming("orders", "queue.x-max-length", "10", "queue.arguments",
                "x-max-length:20")), IN + "queue.arguments");
        assertThat(p.problem()).contains("set twice").contains("queue.x-max-length=10");
    }

    @Test
    void argumentsTheQueueTypeRefusesAreErrors() {
        assertThat(only(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy", "accept",
                "queue.x-max-length", "10")), IN + "queue.x-max-length").problem())
                .contains("RabbitMQ refuses x-max-length for stream queues");
        assertThat(only(validate(incoming("orders", "queue.x-queue-type", "stream", "queue.single-active-consumer",
                "true")), IN + "queue.single-active-consumer").isError()).isTrue();
        assertThat(only(validate(incoming("orders", "queue.x-max-age", "7D")), IN + "queue.x-max-age").problem())
                .contains("for classic queues");
        assertThat(only(validate(incoming("orders", "queue.x-queue-type", "quorum", "queue.x-max-age", "7D")),
                IN + "queue.x-max-age").isError()).isTrue();
        assertThat(only(validate(incoming("orders", "queue.x-queue-leader-locator", "balanced")),
                IN + "queue.x-queue-leader-locator").isError()).isTrue();
        assertThat(only(validate(incoming("orders", "queue.arguments", "x-max-age:7D")), IN + "queue.arguments")
                .isError()).isTrue();
    }

    @Test
    void anExclusiveConsumerCannotHaveCompanions() {
        ConfigProblem p = only(validate(incoming("orders", "consumer-exclusive", "true", "concurrency", "3")),
                IN + "consumer-exclusive");
        assertThat(p.problem()).contains("ACCESS_REFUSED");
        assertThat(validate(incoming("orders", "consumer-exclusive", "true"))).isEmpty();
    }

    @Test
    void settingsWithoutEffectAreWarnings() {
        ConfigProblem overflow = only(validate(incoming("orders", "queue.x-overflow", "reject-publish")),
                IN + "queue.x-overflow");
        assertThat(overflow.isError()).isFalse();
        assertThat(only(validate(incoming("orders", "arguments", "x-match:all")), IN + "arguments").isError())
                .isFalse();
        assertThat(only(validate(incoming("orders", "queue.declare", "false", "queue.x-max-length", "5")),
                IN + "queue.x-max-length").isError()).isFalse();
        assertThat(only(validate(outgoing("prices", "trust-store-path", "/t.p12")), OUT + "trust-store-path")
                .problem()).contains("without ssl=true");
    }

    @Test
    void tlsContradictionsAndTrustAll() {
        assertThat(only(validate(outgoing("prices", "tls-configuration-name", "rabbit", "trust-store-path",
                "/t.p12")), OUT + "trust-store-path").isError()).isTrue();
        assertThat(only(validate(outgoing("prices", "tls-configuration-name", "rabbit", "ssl", "false")),
                OUT + "ssl").isError()).isTrue();
        ConfigProblem trustAll = only(validate(outgoing("prices", "ssl", "true", "trust-all", "true")),
                OUT + "trust-all");
        assertThat(trustAll.isError()).isFalse();
        assertThat(trustAll.problem()).contains("trusts every server certificate");
        assertThat(validate(outgoing("prices", "tls-configuration-name", "rabbit"))).isEmpty();
    }

    @Test
    void smallRyeNamesAreAcceptedWithAWordWhereTheMeaningDiffers() {
        ConfigProblem reconnect = only(validate(outgoing("prices", "reconnect-interval", "10")),
                OUT + "reconnect-interval");
        assertThat(reconnect.isError()).isFalse();
        assertThat(reconnect.fix()).contains("network-recovery-interval=10000");
        assertThat(validate(outgoing("prices", "user", "alice"))).isEmpty();
        assertThat(only(validate(outgoing("prices", "user", "alice", "username", "bob")), OUT + "user").isError())
                .isFalse();
        assertThat(only(validate(outgoing("prices", "reconnect-interval", "5s")), OUT + "reconnect-interval").fix())
                .isEqualTo("write 5");
    }

    @Test
    void aCredentialsProviderMakesUsernameAndPasswordUnused() {
        assertThat(only(validate(outgoing("prices", "credentials-provider-name", "vault", "password", "pw")),
                OUT + "password").problem()).contains("not used");
    }
}
