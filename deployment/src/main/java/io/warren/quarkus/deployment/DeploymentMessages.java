package io.warren.quarkus.deployment;

import java.lang.invoke.MethodHandles;

import org.jboss.logging.Messages;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageBundle;
import org.jboss.logging.annotations.ValidIdRange;

/**
 * The exceptions the Quarkus extension throws at build time and from Dev Services (ids WARREN005100–WARREN005199;
 * docs/message-ids.md lists them). Ids are never reused: a removed message leaves a gap.
 */
@MessageBundle(projectCode = "WARREN")
@ValidIdRange(min = 5100, max = 5199)
public interface DeploymentMessages {

    DeploymentMessages MSG = Messages.getBundle(MethodHandles.lookup(), DeploymentMessages.class);

    @Message(id = 5100, value = "quarkus.warren.devservices.local-address must be host:port, not '%s'")
    IllegalArgumentException badLocalAddress(String text, @Cause Throwable cause);

    @Message(id = 5101, value = "Dev Services for Warren cannot declare the topology of quarkus.warren.devservices on "
            + "%s:%d: %s")
    IllegalStateException topologyFailed(String host, int port, String reason, @Cause Throwable cause);

    @Message(id = 5102, value = "Dev Services for Warren: %s")
    IllegalStateException devServicesFailed(String reason);
}
