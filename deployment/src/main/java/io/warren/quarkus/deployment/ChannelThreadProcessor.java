package io.warren.quarkus.deployment;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.smallrye.reactivemessaging.deployment.items.MediatorBuildItem;
import io.warren.quarkus.runtime.ChannelContextDecorator;
import io.warren.quarkus.runtime.ChannelThreadMethods;
import io.warren.quarkus.runtime.ChannelThreadRecorder;
import io.warren.quarkus.runtime.ChannelThreadSwitch;
import io.warren.quarkus.runtime.QuarkusInternals;

/**
 * Chooses the {@code @Incoming} methods that run on their Warren channel's thread rather than on the worker pool
 * (see {@link ChannelThreadSwitch} for why), and hands the choice to the runtime.
 */
class ChannelThreadProcessor {

    private static final DeploymentLog LOG = DeploymentLog.of(ChannelThreadProcessor.class);

    static final String EXECUTION_MODE = "quarkus.messaging.blocking-signatures-execution-mode";

    /** Annotations through which the user chose an execution model: those methods are left alone. */
    static final Set<DotName> EXECUTION_ANNOTATIONS = Set.of(
            DotName.createSimple("io.smallrye.common.annotation.Blocking"),
            DotName.createSimple("io.smallrye.reactive.messaging.annotations.Blocking"),
            DotName.createSimple("io.smallrye.common.annotation.NonBlocking"),
            DotName.createSimple("io.smallrye.common.annotation.RunOnVirtualThread"),
            DotName.createSimple("jakarta.transaction.Transactional"));

    /** Return types that make a signature asynchronous: Quarkus does not move those to the worker pool anyway. */
    static final Set<DotName> ASYNC_RETURNS = Set.of(PayloadTypes.UNI, PayloadTypes.MULTI,
            PayloadTypes.COMPLETION_STAGE, PayloadTypes.COMPLETABLE_FUTURE);

    @BuildStep
    AdditionalBeanBuildItem switchBean() {
        return AdditionalBeanBuildItem.unremovableOf(ChannelThreadSwitch.class);
    }

    /**
     * Replaces Quarkus's connector decorator with one that skips the per-message context clearing on Warren's
     * incoming channels (see {@link ChannelContextDecorator}), unless the user asked to keep it.
     */
    @BuildStep
    void contextDecorator(WarrenConfig config, BuildProducer<ExcludedTypeBuildItem> excluded,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (config.clearContextsPerMessage()) {
            return;
        }
        excluded.produce(new ExcludedTypeBuildItem(QuarkusInternals.CONTEXT_DECORATOR));
        beans.produce(AdditionalBeanBuildItem.unremovableOf(ChannelContextDecorator.class));
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem chooseMethods(WarrenConfig config, WarrenChannelsBuildItem channels,
            List<MediatorBuildItem> mediators, ChannelThreadRecorder recorder) {
        Set<String> keys = new TreeSet<>();
        if (config.runOnChannelThread() && !userChoseExecutionMode()) {
            Set<String> warren = channels.warrenIncoming();
            for (MediatorBuildItem m : mediators) {
                List<String> incoming = ChannelUsages.incomingChannels(m.getMethod());
                if (runsOnChannelThread(m.getMethod(), incoming, warren)) {
                    keys.add(ChannelThreadMethods.key(m.getBean().getIdentifier(), m.getMethod().name(), incoming));
                    LOG.runsOnChannelThread(String.join(",", incoming), m.getMethod().declaringClass().name(),
                            m.getMethod().name());
                }
            }
        }
        return SyntheticBeanBuildItem.configure(ChannelThreadMethods.class).scope(Singleton.class).unremovable()
                .supplier(recorder.methods(keys)).done();
    }

    /**
     * Whether the method can run on its channel's thread: it consumes Warren channels only, has a synchronous
     * signature that Quarkus would send to the worker pool, and names no execution model of its own.
     */
    static boolean runsOnChannelThread(MethodInfo method, Collection<String> incoming, Set<String> warrenChannels) {
        if (incoming.isEmpty() || !warrenChannels.containsAll(incoming)) {
            return false;
        }
        if (ASYNC_RETURNS.contains(method.returnType().name())) {
            return false;
        }
        for (DotName a : EXECUTION_ANNOTATIONS) {
            AnnotationInstance onMethod = method.annotation(a);
            if ((onMethod != null && onMethod.target().kind() == AnnotationTarget.Kind.METHOD)
                    || method.declaringClass().declaredAnnotation(a) != null) {
                return false;
            }
        }
        return true;
    }

    /** Whether the application set Quarkus's execution mode for synchronous signatures itself. */
    private static boolean userChoseExecutionMode() {
        ConfigValue value = ConfigProvider.getConfig().getConfigValue(EXECUTION_MODE);
        // Extension defaults live in a source of the lowest ordinal; anything above is the user's.
        return value.getValue() != null && value.getSourceOrdinal() > Integer.MIN_VALUE;
    }
}
