package io.warren.quarkus.runtime;

import static org.jboss.logging.Logger.Level.DEBUG;

import java.lang.invoke.MethodHandles;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

/**
 * What the Quarkus extension logs while the application runs (ids WARREN004000–WARREN004099; docs/message-ids.md
 * lists them). Ids are never reused: a removed message leaves a gap.
 */
@MessageLogger(projectCode = "WARREN")
@ValidIdRange(min = 4000, max = 4099)
public interface RuntimeLog extends BasicLogger {

    /** A logger under the class's own category, so that category-level settings keep working as before. */
    static RuntimeLog of(Class<?> owner) {
        return Logger.getMessageLogger(MethodHandles.lookup(), RuntimeLog.class, owner.getName());
    }

    @LogMessage(level = DEBUG)
    @Message(id = 4000, value = "Channel '%s': %s stays on the worker pool: the channel moved to another connector")
    void staysOnWorkerPool(String channels, String method);

    @LogMessage(level = DEBUG)
    @Message(id = 4001, value = "Channel '%s': %s runs on the channel's thread")
    void runsOnChannelThread(String channels, String method);
}
