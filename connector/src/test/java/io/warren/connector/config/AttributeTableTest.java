package io.warren.connector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;
import io.warren.connector.WarrenConnector;
import io.warren.connector.validation.AttributeConstraints;
import io.warren.connector.validation.ChannelConfigValidator;
import io.warren.connector.validation.Channels;
import io.warren.connector.validation.ConfigProblem;

/** The attribute table agrees with the annotations, with SmallRye's generated metadata and with the constraints. */
class AttributeTableTest {

    private final AttributeTable table = WarrenConnector.attributes();

    @Test
    void holdsEveryDeclaredAttributeOnce() {
        ConnectorAttribute[] declared = WarrenConnector.class.getAnnotationsByType(ConnectorAttribute.class);
        assertThat(table.all()).hasSize(declared.length);
        assertThat(table.find("queue.name").orElseThrow().directions()).containsExactly(ChannelDirection.INCOMING);
        assertThat(table.find("host").orElseThrow().alias()).isEqualTo("rabbitmq-host");
        assertThat(table.find("queue.name").orElseThrow().defaultValue()).isNull();
    }

    @Test
    void agreesWithTheAttributeProcessorsMetadata() throws IOException {
        for (ChannelDirection d : ChannelDirection.values()) {
            List<String> generated = processorNames("META-INF/connector/warren-" + d.label() + ".md");
            assertThat(generated).as(d.label()).containsExactlyInAnyOrderElementsOf(table.names(d));
        }
    }

    @Test
    void durationsAreExactlyTheAttributesDescribedInMillisecondsOrSeconds() {
        for (AttributeSpec spec : table.all()) {
            String d = spec.description().toLowerCase(Locale.ROOT);
            assertThat(AttributeConstraints.MILLISECONDS.contains(spec.name())).as(spec.name())
                    .isEqualTo(d.contains("millisecond"));
            assertThat(AttributeConstraints.SECONDS.contains(spec.name())).as(spec.name())
                    .isEqualTo(d.contains("in seconds"));
        }
    }

    @Test
    void everyConstraintNamesAnAttributeOfTheRightType() {
        for (String name : AttributeConstraints.constrained()) {
            AttributeSpec spec = table.find(name).orElseThrow(() -> new AssertionError("no attribute " + name));
            if (AttributeConstraints.choice(name).isPresent()) {
                assertThat(spec.type()).as(name).isEqualTo("string");
            } else {
                assertThat(spec.type()).as(name).isIn("int", "long", "double");
            }
        }
    }

    @Test
    void everyDefaultPassesTheValidator() {
        for (ChannelDirection d : ChannelDirection.values()) {
            List<String> kv = new ArrayList<>();
            for (AttributeSpec spec : table.all()) {
                if (spec.appliesTo(d) && spec.defaultValue() != null) {
                    kv.add(spec.name());
                    kv.add(spec.defaultValue());
                }
            }
            List<ConfigProblem> problems = Channels.validate(Channels.channel("c", d, kv.toArray(String[]::new)));
            assertThat(ChannelConfigValidator.errors(problems)).as(d.label()).isEmpty();
        }
    }

    private static List<String> processorNames(String resource) throws IOException {
        try (InputStream in = WarrenConnector.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String md = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> names = new TreeMap<>();
            Matcher m = Pattern.compile("(?m)^\\| \\*([^*]+)\\*").matcher(md);
            while (m.find()) {
                names.put(m.group(1), m.group(1));
            }
            return List.copyOf(names.keySet());
        }
    }
}
