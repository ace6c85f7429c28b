package io.warren.quarkus.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.warren.connector.WarrenConnector;
import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.ChannelConfigReader;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;
import io.warren.connector.validation.ChannelConfigValidator;
import io.warren.connector.validation.CodeFacts;
import io.warren.connector.validation.CodeModel;
import io.warren.connector.validation.ConfigProblem;
import io.warren.connector.validation.ProblemLog;
import io.warren.connector.validation.ValidationContext.NamedBeans;
import io.warren.connector.validation.ValidationContext;

/**
 * Runs the build-time checks of the channel configuration again at start-up, on the run-time configuration, so that
 * values known only then (environment variables, profiles, run-time overrides) are checked too.
 */
@Recorder
public class WarrenRecorder {

    /**
     * @param code what the build found in the code, for every channel it uses
     * @param attached the channels Quarkus attached to Warren without a {@code connector} key
     * @param failureStrategies the identifiers of the custom {@code FailureHandler} beans
     * @param stores the identifiers of the custom {@code DeduplicationStore} beans
     * @param otherConnectors the attributes of the application's other connectors, with the connector of each
     */
    public void validateChannels(List<RecordedChannel> code, List<String> attached, Set<String> failureStrategies,
            Set<String> stores, Map<String, String> otherConnectors) {
        Map<ChannelRef, CodeFacts> facts = new HashMap<>();
        for (RecordedChannel c : code) {
            facts.put(new ChannelRef(c.getChannel(), ChannelDirection.valueOf(c.getDirection())),
                    new CodeFacts(c.getUsedBy(), c.getPayloadType(), c.getTakesList()));
        }
        List<ChannelRef> refs = new ArrayList<>();
        for (String a : attached) {
            int colon = a.indexOf(':');
            refs.add(new ChannelRef(a.substring(colon + 1), ChannelDirection.valueOf(a.substring(0, colon))));
        }
        ValidationContext context = ValidationContext.of(WarrenConnector.attributes())
                .withBeans(NamedBeans.of(failureStrategies), NamedBeans.of(stores))
                .withClasses(WarrenRecorder::loadable)
                .withCode(new CodeModel(facts))
                .withOtherConnectors(otherConnectors);
        List<ChannelConfig> channels = ChannelConfigReader.read(ConfigProvider.getConfig(), WarrenConnector.attributes(),
                refs);
        List<ConfigProblem> problems = ChannelConfigValidator.validate(channels, context);
        ProblemLog.warnOnce(ChannelConfigValidator.warnings(problems));
        List<ConfigProblem> errors = ChannelConfigValidator.errors(problems);
        if (!errors.isEmpty()) {
            throw new ConfigurationException(ChannelConfigValidator.report(errors),
                    Set.copyOf(errors.stream().map(ConfigProblem::property).toList()));
        }
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
