package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.Test;

import io.quarkus.builder.Version;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.PublisherDecorator;
import io.smallrye.reactive.messaging.SubscriberDecorator;
import io.warren.quarkus.runtime.QuarkusInternals;

/**
 * The Quarkus internals Warren relies on ({@link QuarkusInternals} lists them and why) are still there and still
 * work the way Warren assumes. Each check names what changed; the version check makes every Quarkus upgrade re-read
 * the list. The behaviours themselves are tested by ContextDecoratorTest, ContextClearingKeptTest and the
 * channel-thread tests.
 */
class QuarkusInternalsTest {

    static final String MESSAGING_RUNTIME = "io.quarkus.smallrye.reactivemessaging.runtime.";

    @Test
    void theQuarkusVersionIsTheOneTheInternalsWereCheckedAgainst() {
        assertThat(Version.getVersion())
                .as("Quarkus is now %s, but QuarkusInternals was checked against %s: re-check each use it lists "
                        + "(this test names the ones that no longer hold), then update CHECKED_AGAINST",
                        Version.getVersion(), QuarkusInternals.CHECKED_AGAINST)
                .isEqualTo(QuarkusInternals.CHECKED_AGAINST);
    }

    @Test
    void quarkusConnectorDecoratorIsStillADecoratorBeanWarrenCanBuildAndExclude() throws Exception {
        Class<?> decorator = quarkusClass("ConnectorContextPropagationDecorator");
        assertThat(QuarkusInternals.CONTEXT_DECORATOR).isEqualTo(decorator.getName());
        assertThat(PublisherDecorator.class.isAssignableFrom(decorator) && SubscriberDecorator.class
                .isAssignableFrom(decorator))
                .as("%s no longer implements SmallRye's PublisherDecorator and SubscriberDecorator: "
                        + "ChannelContextDecorator cannot hand it the other channels", decorator.getName())
                .isTrue();
        assertThat(decorator.isAnnotationPresent(ApplicationScoped.class))
                .as("%s is no longer an @ApplicationScoped bean: excluding its bean may no longer be what replaces it",
                        decorator.getName())
                .isTrue();
        Constructor<?> constructor = find(() -> decorator.getConstructor(Optional.class),
                decorator.getName() + " has no public constructor taking the Optional<List<String>> of "
                        + "quarkus.messaging.connector-context-propagation any more");
        assertThat(Modifier.isPublic(constructor.getModifiers())).isTrue();
    }

    @Test
    void theRecordedMediatorConfigurationCanStillBeReadAndChanged() throws Exception {
        Class<?> context = quarkusClass("SmallRyeReactiveMessagingRecorder$SmallRyeReactiveMessagingContext");
        Method mediators = find(() -> context.getMethod("getMediatorConfigurations"),
                context.getName() + " no longer gives the mediator configurations (getMediatorConfigurations)");
        assertThat(mediators.getReturnType()).isEqualTo(List.class);
        Class<?> configuration = quarkusClass("QuarkusMediatorConfiguration");
        List<String> missing = new ArrayList<>();
        for (String[] m : new String[][] { { "isBlocking" }, { "setBlocking", "boolean" }, { "getBeanId" },
                { "getMethodName" }, { "getIncoming" }, { "methodAsString" } }) {
            Class<?>[] parameters = m.length > 1 ? new Class<?>[] { boolean.class } : new Class<?>[0];
            try {
                configuration.getMethod(m[0], parameters);
            } catch (NoSuchMethodException e) {
                missing.add(m[0]);
            }
        }
        assertThat(missing).as("%s lost the methods ChannelThreadSwitch uses (through QuarkusInternals.Mediator)",
                configuration.getName()).isEmpty();
    }

    @Test
    void smallRyeStillCreatesTheMediatorsAtStartupAfterTheSwitchRan() throws Exception {
        Class<?> lifecycle = quarkusClass("SmallRyeReactiveMessagingLifecycle");
        boolean startsAtStartup = Arrays.stream(lifecycle.getDeclaredMethods())
                .anyMatch(m -> observes(m, StartupEvent.class, null));
        assertThat(startsAtStartup).as("%s no longer starts the mediators on StartupEvent: ChannelThreadSwitch "
                + "changes their configuration when the application scope is initialized, which must come first",
                lifecycle.getName()).isTrue();
        boolean readsAtInit = Arrays.stream(lifecycle.getDeclaredMethods())
                .anyMatch(m -> observes(m, Object.class, Initialized.class));
        assertThat(readsAtInit).as("%s no longer reads the mediator configurations when the application scope is "
                + "initialized: check that a change made then by ChannelThreadSwitch still reaches SmallRye",
                lifecycle.getName()).isTrue();
    }

    private static boolean observes(Method m, Class<?> event, Class<? extends Annotation> qualifier) {
        if (m.getParameterCount() == 0 || m.getParameterTypes()[0] != event) {
            return false;
        }
        List<Class<? extends Annotation>> annotations = Arrays.stream(m.getParameterAnnotations()[0])
                .<Class<? extends Annotation>> map(Annotation::annotationType).toList();
        return annotations.contains(Observes.class) && (qualifier == null || annotations.contains(qualifier));
    }

    private static Class<?> quarkusClass(String simpleName) {
        return find(() -> Class.forName(MESSAGING_RUNTIME + simpleName),
                MESSAGING_RUNTIME + simpleName + " is gone from quarkus-messaging: see QuarkusInternals");
    }

    interface Lookup<T> {
        T get() throws ReflectiveOperationException;
    }

    private static <T> T find(Lookup<T> lookup, String whatChanged) {
        try {
            return lookup.get();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(whatChanged, e);
        }
    }
}
