package io.warren.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;

import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.smallrye.reactivemessaging.deployment.items.ChannelBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.ConnectorBuildItem;
import io.warren.connector.WarrenConnector;
import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.ChannelConfigReader;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;
import io.warren.connector.validation.ChannelConfigValidator;
import io.warren.connector.validation.CodeFacts;
import io.warren.connector.validation.CodeModel;
import io.warren.connector.validation.ConfigProblem;
import io.warren.connector.validation.CreationCheck;
import io.warren.connector.validation.ValidationContext.NamedBeans;
import io.warren.connector.validation.ValidationContext;
import io.warren.quarkus.runtime.RecordedChannel;
import io.warren.quarkus.runtime.WarrenRecorder;

/**
 * Checks the configuration of every Warren channel at build time, failing the build with every error at once, and
 * records the same check for start-up, where values known only at run time are visible.
 */
class ValidationProcessor {

    private static final DeploymentLog LOG = DeploymentLog.of(ValidationProcessor.class);
    static final DotName IDENTIFIER = DotName.createSimple("io.smallrye.common.annotation.Identifier");
    static final DotName FAILURE_HANDLER = DotName.createSimple("io.warren.connector.fault.FailureHandler");
    static final DotName DEDUPLICATION_STORE = DotName.createSimple("io.warren.connector.dedup.DeduplicationStore");

    /**
     * The start-up check covers what the connector checks when it creates each channel, and more (it knows the code),
     * so the connector's own check is off by default in Quarkus; with validation disabled, neither runs.
     */
    @BuildStep
    RunTimeConfigurationDefaultBuildItem connectorCheckOff() {
        return new RunTimeConfigurationDefaultBuildItem(ChannelConfig.CONNECTOR_PREFIX + CreationCheck.ATTRIBUTE,
                "false");
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void validate(WarrenConfig config, List<ChannelBuildItem> codeChannels, WarrenChannelsBuildItem channels,
            List<ConnectorBuildItem> connectors, BeanDiscoveryFinishedBuildItem beans, WarrenRecorder recorder) {
        if (!config.validation().enabled()) {
            return;
        }
        Map<ChannelRef, CodeFacts> facts = new TreeMap<>(channels.usages().facts());
        for (ChannelBuildItem c : codeChannels) {
            facts.putIfAbsent(new ChannelRef(c.getName(), direction(c)),
                    new CodeFacts("the application code", null, null));
        }
        Set<String> strategies = identifiers(beans, FAILURE_HANDLER);
        Set<String> stores = identifiers(beans, DEDUPLICATION_STORE);
        List<ChannelRef> attached = channels.warren();
        Map<String, String> others = otherConnectorAttributes(connectors);
        List<ConfigProblem> problems = check(facts, attached, strategies, stores, others);
        // The validator's text, whole: users and tests match these lines exactly, so no id goes in front.
        ChannelConfigValidator.warnings(problems).forEach(p -> LOG.warn("Warren configuration: " + p));
        List<ConfigProblem> errors = ChannelConfigValidator.errors(problems);
        if (!errors.isEmpty()) {
            throw new ConfigurationException(ChannelConfigValidator.report(errors),
                    new TreeSet<>(errors.stream().map(ConfigProblem::property).toList()));
        }
        List<RecordedChannel> recorded = new ArrayList<>();
        facts.forEach((ref, f) -> recorded.add(new RecordedChannel(ref.channel(), ref.direction().name(),
                f.usedBy(), f.payloadType(), f.takesList())));
        recorder.validateChannels(recorded, attached.stream().map(r -> r.direction().name() + ":" + r.channel())
                .toList(), strategies, stores, others);
    }

    /** The attributes the application's other connectors declare, each with the first connector declaring it. */
    static Map<String, String> otherConnectorAttributes(List<ConnectorBuildItem> connectors) {
        Map<String, String> attributes = new TreeMap<>();
        for (ConnectorBuildItem c : connectors) {
            if (!WarrenConnector.CONNECTOR_NAME.equals(c.getName())) {
                c.getAttributes().forEach(a -> attributes.putIfAbsent(a.name(), c.getName()));
            }
        }
        return attributes;
    }

    /** The build-time check: the build's configuration against the code and the beans. */
    static List<ConfigProblem> check(Map<ChannelRef, CodeFacts> facts, List<ChannelRef> attached,
            Set<String> strategies, Set<String> stores, Map<String, String> otherConnectors) {
        ValidationContext context = ValidationContext.of(WarrenConnector.attributes())
                .withBeans(NamedBeans.of(strategies), NamedBeans.of(stores))
                .withClasses(ValidationContext::loadable)
                .withCode(new CodeModel(facts))
                .withOtherConnectors(otherConnectors);
        return ChannelConfigValidator.validate(
                ChannelConfigReader.read(ConfigProvider.getConfig(), WarrenConnector.attributes(), attached), context);
    }

    /** The {@code @Identifier} values of the beans of a type. */
    static Set<String> identifiers(BeanDiscoveryFinishedBuildItem beans, DotName type) {
        Set<String> names = new TreeSet<>();
        for (BeanInfo bean : beans.beanStream().withBeanType(type)) {
            for (AnnotationInstance q : bean.getQualifiers()) {
                if (q.name().equals(IDENTIFIER) && q.value() != null) {
                    names.add(q.value().asString());
                }
            }
        }
        return names;
    }

    private static ChannelDirection direction(ChannelBuildItem c) {
        return c.getDirection() == io.quarkus.smallrye.reactivemessaging.deployment.items.ChannelDirection.INCOMING
                ? ChannelDirection.INCOMING
                : ChannelDirection.OUTGOING;
    }
}
