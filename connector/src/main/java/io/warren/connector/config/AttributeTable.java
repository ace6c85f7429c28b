package io.warren.connector.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;

/**
 * The attributes a connector declares, read from its {@code @ConnectorAttribute} annotations: the single source of
 * truth shared by the generated configuration classes, the validator and the attribute reference. The connector
 * hands its name and class in, so that this model knows nothing of the connector above it.
 */
public final class AttributeTable {

    private final String connector;
    private final Map<String, AttributeSpec> byName;

    private AttributeTable(String connector, List<AttributeSpec> specs) {
        this.connector = connector;
        Map<String, AttributeSpec> map = new LinkedHashMap<>();
        specs.stream().sorted(Comparator.comparing(AttributeSpec::name)).forEach(s -> map.put(s.name(), s));
        this.byName = Collections.unmodifiableMap(map);
    }

    /**
     * The attributes declared on a connector class.
     *
     * @param connector the connector name, as in {@code mp.messaging.incoming.<channel>.connector}
     * @param declaring the class carrying the {@code @ConnectorAttribute} annotations
     */
    public static AttributeTable of(String connector, Class<?> declaring) {
        List<AttributeSpec> specs = new ArrayList<>();
        for (ConnectorAttribute a : declaring.getAnnotationsByType(ConnectorAttribute.class)) {
            Set<ChannelDirection> directions = switch (a.direction()) {
                case INCOMING -> EnumSet.of(ChannelDirection.INCOMING);
                case OUTGOING -> EnumSet.of(ChannelDirection.OUTGOING);
                default -> EnumSet.allOf(ChannelDirection.class);
            };
            specs.add(new AttributeSpec(a.name(), unset(a.alias()), a.type(), directions, unset(a.defaultValue()),
                    a.description()));
        }
        return new AttributeTable(connector, specs);
    }

    private static String unset(String value) {
        return value == null || value.equals(ConnectorAttribute.NO_VALUE) ? null : value;
    }

    /** The name of the connector declaring these attributes, such as {@code warren}. */
    public String connector() {
        return connector;
    }

    /** Every attribute, sorted by name. */
    public List<AttributeSpec> all() {
        return List.copyOf(byName.values());
    }

    /** The attribute of that name, whatever its direction. */
    public Optional<AttributeSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The attribute whose alias this is, such as {@code host} for {@code rabbitmq-host}. */
    public Optional<AttributeSpec> byAlias(String alias) {
        return byName.values().stream().filter(s -> alias.equals(s.alias())).findFirst();
    }

    /** The names of the attributes that apply to a direction (null for either), sorted. */
    public List<String> names(ChannelDirection direction) {
        return byName.values().stream().filter(s -> s.appliesTo(direction)).map(AttributeSpec::name).toList();
    }

    /** The default of an attribute, if it has one. */
    public Optional<String> defaultValue(String name) {
        return find(name).flatMap(AttributeSpec::defaultOptional);
    }
}
