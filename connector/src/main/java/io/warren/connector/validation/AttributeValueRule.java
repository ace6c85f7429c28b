package io.warren.connector.validation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import com.rabbitmq.client.Address;

import io.warren.connector.config.AttributeSpec;
import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.Setting;
import io.warren.connector.convert.ContentTypes;
import io.warren.connector.incoming.StreamOffset;
import io.warren.connector.validation.AttributeConstraints.Choice;
import io.warren.connector.validation.AttributeConstraints.Range;

/** Values that do not fit their attribute: type, range, unit, allowed values and syntax. */
final class AttributeValueRule implements ChannelRule {

    @Override
    public void check(ChannelView channel, ValidationContext context, List<ConfigProblem> problems) {
        ChannelConfig config = channel.config;
        for (Setting s : config.settings().values()) {
            if (!s.resolved() || (!config.shared() && !config.owns(s))) {
                continue;
            }
            Optional<AttributeSpec> spec = context.attributes().find(s.attribute());
            if (spec.isPresent() && spec.get().appliesTo(config.direction())) {
                check(spec.get(), s, context, problems);
            }
        }
    }

    private static void check(AttributeSpec spec, Setting s, ValidationContext context, List<ConfigProblem> out) {
        String v = s.value().trim();
        switch (spec.type()) {
            case "boolean" -> checkBoolean(s, v, out);
            case "int", "long" -> checkWhole(spec, s, v, out);
            case "double" -> checkDecimal(spec, s, v, out);
            default -> checkText(spec, s, v, context, out);
        }
    }

    private static void checkBoolean(Setting s, String v, List<ConfigProblem> out) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (!ChannelView.TRUE_WORDS.contains(lower) && !ChannelView.FALSE_WORDS.contains(lower)) {
            out.add(ConfigProblem.error(s.property(), s.value(),
                    "'" + v + "' is not a boolean, and MicroProfile Config silently reads it as false",
                    "write true or false"));
        }
    }

    private static void checkWhole(AttributeSpec spec, Setting s, String v, List<ConfigProblem> out) {
        String unit = AttributeConstraints.unit(spec.name()).orElse(null);
        long n;
        try {
            n = Long.parseLong(v);
            if (spec.type().equals("int") && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            OptionalLong ms = DurationHint.millis(v);
            if (unit != null && ms.isPresent()) {
                long meant = unit.equals("s") ? ms.getAsLong() / 1000 : ms.getAsLong();
                out.add(ConfigProblem.error(s.property(), s.value(), "'" + spec.name() + "' is a number of "
                        + unitName(unit) + ", written without a unit", "write " + meant));
            } else {
                out.add(ConfigProblem.error(s.property(), s.value(), "'" + v + "' is not a whole number"
                        + (spec.type().equals("int") ? " that fits in an int" : ""),
                        "write a whole number" + (unit == null ? "" : " of " + unitName(unit))
                                + AttributeConstraints.range(spec.name()).map(r -> ", " + r.describe(true)).orElse("")));
            }
            return;
        }
        checkRange(spec, s, n, true, unit, out);
    }

    private static void checkDecimal(AttributeSpec spec, Setting s, String v, List<ConfigProblem> out) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            out.add(ConfigProblem.error(s.property(), s.value(), "'" + v + "' is not a number",
                    "write a number such as 1.5"));
            return;
        }
        checkRange(spec, s, d, false, null, out);
    }

    private static void checkRange(AttributeSpec spec, Setting s, double n, boolean integral, String unit,
            List<ConfigProblem> out) {
        Optional<Range> range = AttributeConstraints.range(spec.name());
        if (range.isPresent() && !range.get().contains(n)) {
            out.add(ConfigProblem.error(s.property(), s.value(), "'" + spec.name() + "' is out of range",
                    "use a value " + range.get().describe(integral) + (unit == null ? "" : " (" + unitName(unit) + ")")));
        }
    }

    private static void checkText(AttributeSpec spec, Setting s, String v, ValidationContext context,
            List<ConfigProblem> out) {
        Optional<Choice> choice = AttributeConstraints.choice(spec.name());
        if (choice.isPresent() && !choice.get().accepts(v)) {
            Choice c = choice.get();
            String hint = NameDistance.closest(v, c.values()).map(x -> "did you mean '" + x + "'? Use ").orElse("use ");
            out.add(ConfigProblem.error(s.property(), s.value(), "'" + v + "' is not a valid " + spec.name(),
                    hint + String.join(", ", c.values())
                            + (c.pluginPrefix() == null ? "" : ", or a plugin type starting with '" + c.pluginPrefix() + "'")));
            return;
        }
        switch (spec.name()) {
            case "stream.offset" -> {
                try {
                    StreamOffset.parse("", v);
                } catch (IllegalArgumentException e) {
                    out.add(ConfigProblem.error(s.property(), s.value(), "'" + v + "' is not a stream offset",
                            "use " + StreamOffset.FORMS));
                }
            }
            case "addresses" -> checkAddresses(s, v, out);
            case "payload-type" -> checkPayloadType(s, v, context, out);
            case "content-type", "content-type-override" -> {
                if (!ContentTypes.valid(v)) {
                    out.add(ConfigProblem.error(s.property(), s.value(), "'" + v + "' is not a content type",
                            "write type/subtype, such as application/json or application/cbor"));
                }
            }
            default -> {
            }
        }
    }

    private static void checkAddresses(Setting s, String v, List<ConfigProblem> out) {
        for (String part : v.split(",")) {
            String a = part.trim();
            if (a.isEmpty()) {
                continue;
            }
            String problem = null;
            try {
                Address address = io.warren.connector.connection.SafeAddress.parse(a); // never logs a URI
                if (address.getHost() == null || address.getHost().isBlank()) {
                    problem = "'" + a + "' has no host";
                } else if (address.getPort() != -1 && (address.getPort() < 1 || address.getPort() > 65535)) {
                    problem = "the port of '" + a + "' is out of range";
                }
            } catch (RuntimeException e) {
                problem = "'" + a + "' is not host:port";
            }
            if (problem != null) {
                out.add(ConfigProblem.error(s.property(), s.value(), problem,
                        "write a comma-separated list of host:port, such as rabbit1:5672,rabbit2:5672"));
            }
        }
    }

    private static void checkPayloadType(Setting s, String v, ValidationContext context, List<ConfigProblem> out) {
        if (context.classExists() == null) {
            return;
        }
        for (String name : v.split("[<>,\\s]+")) {
            String n = name.trim();
            if (!n.isEmpty() && !n.equals("?") && !n.endsWith("[]") && !context.classExists().test(n)) {
                out.add(ConfigProblem.error(s.property(), s.value(), "class '" + n + "' is not on the class path",
                        "correct the class name, or remove payload-type so that Warren uses the type the method takes"));
            }
        }
    }

    private static String unitName(String unit) {
        return unit.equals("ms") ? "milliseconds" : "seconds";
    }
}
