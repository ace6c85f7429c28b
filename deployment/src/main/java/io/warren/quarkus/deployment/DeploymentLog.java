package io.warren.quarkus.deployment;

import static org.jboss.logging.Logger.Level.DEBUG;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

import java.lang.invoke.MethodHandles;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

/**
 * What the Quarkus extension logs at build time and from Dev Services (ids WARREN004100–WARREN004199;
 * docs/message-ids.md lists them). Ids are never reused: a removed message leaves a gap.
 * <p>
 * Two lines carry no id ({@link Message#NONE}): the start of the embedded broker and its warning. Users and tests
 * match them by their first words, which an id in front would change.
 */
@MessageLogger(projectCode = "WARREN")
@ValidIdRange(min = 4100, max = 4199)
public interface DeploymentLog extends BasicLogger {

    /** A logger under the class's own category, so that category-level settings keep working as before. */
    static DeploymentLog of(Class<?> owner) {
        return Logger.getMessageLogger(MethodHandles.lookup(), DeploymentLog.class, owner.getName());
    }

    @LogMessage(level = DEBUG)
    @Message(id = 4100, value = "Channel '%s': %s.%s runs on the channel's thread")
    void runsOnChannelThread(String channels, Object declaringClass, String method);

    @LogMessage(level = DEBUG)
    @Message(id = 4101, value = "Codec types registered for reflection: %s")
    void codecTypesRegistered(Object classes);

    @LogMessage(level = DEBUG)
    @Message(id = 4102, value = "Channel '%s': payload type %s")
    void payloadType(String channel, String type);

    @LogMessage(level = WARN)
    @Message(id = 4103, value = "Dev Services for Warren is starting the embedded broker, which has no streams and "
            + "no stream protocol: %s (stream.protocol=native) cannot connect and will stay down. Run RabbitMQ with "
            + "the rabbitmq_stream plugin enabled and point the application at it (rabbitmq-host, stream.port)")
    void nativeStreamsOnEmbeddedBroker(String channels);

    @LogMessage(level = INFO)
    @Message(id = 4104, value = "Dev Services for Warren started a RabbitMQ container (%s) on %s:%d, because %s")
    void containerStarted(String image, String host, int port, String reason);

    @LogMessage(level = DEBUG)
    @Message(id = 4105, value = "Dev Services for Warren declared %d exchanges, %d queues and %d bindings")
    void topologyDeclared(int exchanges, int queues, int bindings);

    @LogMessage(level = INFO)
    @Message(id = Message.NONE, value = "Dev Services for Warren started the embedded broker (Apache Qpid Broker-J, "
            + "in memory) on %s:%d, because %s")
    void embeddedBrokerStarted(String host, int port, String reason);

    @LogMessage(level = WARN)
    @Message(id = Message.NONE, value = "The embedded broker is not RabbitMQ. Warren's dead-letter and retry "
            + "strategies and its private reply queues work on it; it does not support: %s. Use RabbitMQ (local or "
            + "in a container) to try those")
    void embeddedBrokerIsNotRabbitMQ(String unsupported);

    @LogMessage(level = DEBUG)
    @Message(id = 4106, value = "Dev Services for Warren stopped the embedded broker on port %d")
    void embeddedBrokerStopped(int port);

    @LogMessage(level = DEBUG)
    @Message(id = 4107, value = "Dev Services for Warren not started: %s")
    void notStarted(String reason);

    @LogMessage(level = INFO)
    @Message(id = 4108, value = "Dev Services for Warren: reusing the broker at %s, because %s")
    void reusingBroker(Object address, String reason);

    @LogMessage(level = INFO)
    @Message(id = 4109, value = "Dev Services for Warren: reusing the shared RabbitMQ container %s at %s:%d")
    void reusingSharedContainer(String containerId, String host, int port);

    @LogMessage(level = DEBUG)
    @Message(id = 4110, value = "Dev Services for Warren: a RabbitMQ container, because %s")
    void choseContainer(String reason);

    @LogMessage(level = DEBUG)
    @Message(id = 4111, value = "Dev Services for Warren: the embedded broker, because %s")
    void choseEmbeddedBroker(String reason);
}
