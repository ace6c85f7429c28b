package io.warren.connector.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.warren.connector.config.AttributeSpec;
import io.warren.connector.config.AttributeTable;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.fault.FailureHandlers;
import io.warren.connector.incoming.StreamOffset;
import io.warren.connector.validation.AttributeConstraints.Choice;

/** Writes the attribute reference ({@code docs/attributes.md}) from the attribute table and the constraints. */
public final class AttributeReference {

    private AttributeReference() {
    }

    /** The reference as Markdown. */
    public static String markdown(AttributeTable table) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Warren attribute reference\n\n");
        sb.append("<!-- Generated from the @ConnectorAttribute table of WarrenConnector by AttributeReference. ")
                .append("Do not edit: run `mvn -pl connector -am test -Dtest=AttributeReferenceTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Dwarren.docs.update=true` to regenerate. -->\n\n");
        sb.append("Set an attribute on one channel with `mp.messaging.incoming.<channel>.<attribute>` or ")
                .append("`mp.messaging.outgoing.<channel>.<attribute>`, and on every Warren channel with ")
                .append("`mp.messaging.connector.warren.<attribute>`. An alias is a global property that sets the ")
                .append("attribute for every channel. Durations are plain numbers in the unit shown. The Quarkus ")
                .append("build checks every value against the *values* column.\n\n");
        sb.append("| attribute | alias | direction | type | default | values | description |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (AttributeSpec spec : table.all()) {
            sb.append("| `").append(spec.name()).append("` | ")
                    .append(spec.alias() == null ? "" : "`" + spec.alias() + "`").append(" | ")
                    .append(spec.directionLabel()).append(" | ")
                    .append(spec.type()).append(" | ")
                    .append(spec.defaultValue() == null ? "" : "`" + spec.defaultValue() + "`").append(" | ")
                    .append(cell(values(spec))).append(" | ")
                    .append(cell(spec.description())).append(" |\n");
        }
        return sb.toString();
    }

    /** What values an attribute takes, in words. */
    static String values(AttributeSpec spec) {
        List<String> parts = new ArrayList<>();
        AttributeConstraints.unit(spec.name()).ifPresent(parts::add);
        AttributeConstraints.range(spec.name())
                .ifPresent(r -> parts.add(r.describe(!spec.type().equals("double"))));
        Optional<Choice> choice = AttributeConstraints.choice(spec.name());
        choice.ifPresent(c -> parts.add(join(c.values()) + (c.pluginPrefix() == null ? ""
                : ", or a plugin type `" + c.pluginPrefix() + "...`")));
        switch (spec.name()) {
            case "failure-strategy" -> parts.add(join(FailureHandlers.BUILT_IN) + ", or a `FailureHandler` bean's "
                    + "`@Identifier`");
            case "deduplication.store" -> parts.add("`" + DeduplicationStore.MEMORY + "`, or a `DeduplicationStore` "
                    + "bean's `@Identifier`");
            case "stream.offset" -> parts.add(join(StreamOffset.NAMED) + ", an offset, or an ISO-8601 timestamp");
            case "addresses" -> parts.add("`host:port,host:port`");
            case "payload-type" -> parts.add("a class on the class path");
            case "queue.arguments", "exchange.arguments", "arguments", "consumer-arguments" ->
                parts.add("`key:value,key:value`");
            case "queue.x-max-age" -> parts.add("a number and a unit: `Y`, `M`, `D`, `h`, `m`, `s`");
            case "trust-store-path", "key-store-path" -> parts.add("a file");
            default -> {
            }
        }
        if (spec.type().equals("boolean")) {
            parts.add("`true`, `false`");
        }
        return String.join("; ", parts);
    }

    private static String join(List<String> values) {
        return String.join(", ", values.stream().map(v -> "`" + v + "`").toList());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
