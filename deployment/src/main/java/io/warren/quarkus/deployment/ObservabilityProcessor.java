package io.warren.quarkus.deployment;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.metrics.MetricsFactory;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;
import io.warren.quarkus.runtime.devui.WarrenJsonRpcService;
import io.warren.quarkus.runtime.health.WarrenStartupCheck;
import io.warren.quarkus.runtime.observe.ObservationRecorder;
import io.warren.quarkus.runtime.observe.ObservationSetup;
import io.warren.quarkus.runtime.observe.WarrenChannels;

/**
 * Observability of the Warren channels: Micrometer metrics and OpenTelemetry tracing when the application has those
 * extensions, the startup health check with SmallRye Health, and the Dev UI card in dev mode.
 */
class ObservabilityProcessor {

    @BuildStep
    AdditionalBeanBuildItem observationBeans(Capabilities capabilities,
            Optional<MetricsCapabilityBuildItem> metrics) {
        return AdditionalBeanBuildItem.builder().setUnremovable()
                .addBeanClasses(ObservabilityRules.beans(micrometer(metrics), capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)))
                .build();
    }

    /** Whether the application has Micrometer (Quarkus's metrics extension). */
    static boolean micrometer(Optional<MetricsCapabilityBuildItem> metrics) {
        return metrics.isPresent() && metrics.get().metricsSupported(MetricsFactory.MICROMETER);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem observationSetup(Capabilities capabilities, WarrenConfig config,
            LaunchModeBuildItem launchMode, WarrenChannelsBuildItem channels, ObservationRecorder recorder) {
        Set<String> names = new TreeSet<>();
        for (ChannelRef c : channels.warren()) {
            names.add(WarrenChannels.key(c.direction() == ChannelDirection.INCOMING, c.channel()));
        }
        boolean dev = launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT;
        boolean status = ObservabilityRules.statusNeeded(capabilities.isPresent(Capability.SMALLRYE_HEALTH),
                config.health().startup().enabled(), dev);
        return SyntheticBeanBuildItem.configure(ObservationSetup.class).scope(Singleton.class).unremovable()
                .supplier(recorder.setup(names, status, dev)).done();
    }

    @BuildStep
    void startupCheck(Capabilities capabilities, WarrenConfig config, BuildProducer<HealthBuildItem> checks) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            checks.produce(new HealthBuildItem(WarrenStartupCheck.class.getName(), config.health().startup().enabled()));
        }
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem devUiCard() {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Channels")
                .icon("font-awesome-solid:tower-broadcast")
                .componentLink("qwc-warren-channels.js"));
        return card;
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    JsonRPCProvidersBuildItem devUiData() {
        return new JsonRPCProvidersBuildItem(WarrenJsonRpcService.class);
    }
}
