package io.warren.embedded;

import java.lang.reflect.Field;
import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * Stops an embedded broker when the JVM exits (Ctrl+C, SIGTERM, {@code System.exit}), but only once its clients are
 * gone, and deletes its work folder.
 * <p>
 * Qpid registers a shutdown hook of its own that closes the broker at once. The JVM runs shutdown hooks in
 * parallel, so the application's hook (Quarkus stopping its channels) found its connections closed under it, logged
 * them lost and its unconfirmed messages failed. Qpid's hook is therefore replaced by this one, which first waits,
 * at most {@link #CLIENT_GRACE}, for the clients to close their connections.
 */
final class ExitHook {

    /** How long the broker outlives the JVM's exit at most, waiting for its clients: Warren needs about 1 s. */
    static final Duration CLIENT_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(ExitHook.class);
    /** The field of Qpid's {@code BrokerImpl} that holds its shutdown hook (Qpid 10.1). */
    private static final String QPID_HOOK_FIELD = "_shutdownHook";

    private ExitHook() {
    }

    /** Registers the hook of a started broker; {@link #unregister(Thread)} it when the broker is closed earlier. */
    static Thread register(EmbeddedBroker broker) {
        Thread hook = new Thread(() -> broker.stopAfterClients(CLIENT_GRACE), "warren-embedded-broker-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void unregister(Thread hook) {
        if (hook == null || Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook runs, or ran, and finds the broker closed.
        }
    }

    /**
     * Removes the shutdown hook Qpid's broker registered, so that the broker is not closed before its clients.
     *
     * @param qpidBroker Qpid's broker object
     * @return whether Qpid's hook was found and removed
     */
    static boolean removeQpidHook(Object qpidBroker) {
        if (qpidBroker == null) {
            return false;
        }
        for (Class<?> c = qpidBroker.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(QPID_HOOK_FIELD);
                field.setAccessible(true);
                return field.get(qpidBroker) instanceof Thread hook && Runtime.getRuntime().removeShutdownHook(hook);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debugf(e, "Cannot remove the shutdown hook of the embedded broker");
                return false;
            }
        }
        LOG.debugf("The embedded broker has no field %s: its own shutdown hook stays", QPID_HOOK_FIELD);
        return false;
    }
}
