package io.warren.connector.config;

import static io.warren.connector.validation.Channels.incoming;
import static io.warren.connector.validation.Channels.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

import io.warren.connector.connection.SafeAddress;
import io.warren.connector.validation.ChannelConfigValidator;
import io.warren.connector.validation.Channels;

/** Which names are secrets, and that reports never carry one. */
class RedactionTest {

    @Test
    void namesOfSecrets() {
        for (String secret : new String[] { "password", "rabbitmq-password", "rabbitmq-pasword", "trust-store-password",
                "key-store-password", "passwd", "db.pwd", "client-secret", "api-token", "api-key", "private-key",
                "apikey", "x.pass" }) {
            assertThat(Redaction.isSecret(secret)).as(secret).isTrue();
        }
        for (String plain : new String[] { "routing-keys", "default-routing-key", "dead-letter-routing-key",
                "key-store-path", "key-store-type", "username", "queue.name", "credentials-provider-name" }) {
            assertThat(Redaction.isSecret(plain)).as(plain).isFalse();
        }
    }

    @Test
    void uriUserInfoIsMasked() {
        assertThat(Redaction.text("amqp://guest:s3cret@rabbit:5672/vhost and amqps://u@h"))
                .isEqualTo("amqp://***@rabbit:5672/vhost and amqps://***@h");
    }

    @Test
    void reportsMaskSecretValuesWhereverTheyAppear() {
        String report = ChannelConfigValidator.report(validate(incoming("orders", "rabbitmq-pasword", "s3cret-pw",
                "trust-store-password", "s3cret-pw", "ssl", "true", "addresses", "amqp://guest:s3cret-pw@rabbit:5672")));
        assertThat(report).contains("rabbitmq-pasword=***").contains("amqp://***@rabbit")
                .doesNotContain("s3cret-pw");
    }

    @Test
    void amqpClientsOwnErrorForAUriIsReplaced() {
        Throwable t = catchThrowable(() -> SafeAddress.parse("amqp://guest:s3cret-pw@rabbit:5672"));
        assertThat(t).hasMessageContaining("amqp://***@rabbit:5672").hasMessageNotContaining("s3cret-pw")
                .hasNoCause();
    }
}
