package io.warren.connector.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.warren.connector.WarrenConnector;
import io.warren.connector.config.AttributeSpec;

/**
 * {@code docs/attributes.md} is generated from the attribute table. This test fails when the committed file is not
 * what the table generates; run it with {@code -Dwarren.docs.update=true} to write the file instead.
 */
class AttributeReferenceTest {

    static final Path DOC = Path.of("..", "docs", "attributes.md");
    static final String REGENERATE = "mvn -pl connector -am test -Dtest=AttributeReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dwarren.docs.update=true";

    @Test
    void theCommittedReferenceIsUpToDate() throws IOException {
        String generated = AttributeReference.markdown(WarrenConnector.attributes());
        if (Boolean.getBoolean("warren.docs.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as("docs/attributes.md is missing; create it with: " + REGENERATE).isTrue();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/attributes.md is out of date; regenerate it with: " + REGENERATE).isEqualTo(generated);
    }

    @Test
    void everyAttributeHasARowWithItsValues() {
        String md = AttributeReference.markdown(WarrenConnector.attributes());
        for (AttributeSpec spec : WarrenConnector.attributes().all()) {
            assertThat(md).contains("| `" + spec.name() + "` |");
        }
        assertThat(md).contains("| `exchange.type` |  | both | string | `topic` | `direct`, `fanout`, `headers`, "
                + "`topic`, or a plugin type `x-...` |");
        assertThat(md).contains("| `confirm-timeout` |  | outgoing | long | `30000` | ms; 0 or more |");
        assertThat(md).contains("| `port` | `rabbitmq-port` | both | int | `5672` | from 1 to 65535 |");
    }
}
