package io.warren.connector.validation;

import java.util.List;
import java.util.Optional;

import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;
import io.warren.connector.config.Setting;
import io.warren.connector.config.SmallRyeKeys;

/** Configuration that the code does not back: channels nothing uses, batches for a method that takes one payload. */
final class CodeRule implements ChannelRule {

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        CodeModel code = context.code();
        if (code == null || c.config.shared()) {
            return;
        }
        ChannelConfig config = c.config;
        CodeFacts facts = code.facts(c.ref());
        if (!facts.used()) {
            if (!c.unknown(SmallRyeKeys.ENABLED) && c.isSet(SmallRyeKeys.ENABLED) && !c.flag(SmallRyeKeys.ENABLED)) {
                return;
            }
            problems.add(unused(c, code));
            return;
        }
        if (c.incoming() && Boolean.FALSE.equals(facts.takesList()) && c.flag("batch") && !c.unknown("batch")) {
            problems.add(ConfigProblem.error(config.property("batch"), c.shown("batch"),
                    "with batch=true the channel delivers a List of payloads, but " + facts.usedBy() + " takes "
                            + (facts.payloadType() == null ? "a single payload" : facts.payloadType()),
                    "take List<" + (facts.payloadType() == null ? "T" : facts.payloadType())
                            + "> (or Message<List<...>>), or remove batch=true"));
        }
    }

    private static ConfigProblem unused(ChannelView c, CodeModel code) {
        ChannelConfig config = c.config;
        ChannelDirection direction = config.direction();
        String property = config.settings().containsKey(SmallRyeKeys.CONNECTOR) ? config.property(SmallRyeKeys.CONNECTOR)
                : config.settings().values().stream().filter(config::owns).map(Setting::property).findFirst()
                        .orElse(config.prefix() + SmallRyeKeys.CONNECTOR);
        String value = config.settings().containsKey(SmallRyeKeys.CONNECTOR) ? c.value(SmallRyeKeys.CONNECTOR).orElse(null)
                : null;
        CodeFacts other = code.facts(new ChannelRef(config.channel(), direction.opposite()));
        String fix;
        if (other.used()) {
            fix = other.usedBy() + " uses '" + config.channel() + "' as an " + direction.opposite().label()
                    + " channel: move its configuration to " + ChannelConfig.prefix(config.channel(), direction.opposite())
                    + "*";
        } else {
            Optional<String> near = NameDistance.closest(config.channel(), code.names(direction));
            String how = direction == ChannelDirection.INCOMING
                    ? "add @Incoming(\"" + config.channel() + "\") to a method or inject @Channel(\"" + config.channel()
                            + "\") Multi<T>"
                    : "add @Outgoing(\"" + config.channel() + "\") to a method or inject @Channel(\"" + config.channel()
                            + "\") Emitter<T>";
            fix = near.map(n -> "did you mean the channel '" + n + "'? Otherwise ").orElse("") + how
                    + ", remove the configuration, or set " + config.prefix() + "enabled=false";
        }
        return ConfigProblem.error(property, value, "no method or injection point uses " + config.describe(), fix);
    }
}
