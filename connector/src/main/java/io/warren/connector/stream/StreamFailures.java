package io.warren.connector.stream;

import java.util.Optional;

import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.Producer;

import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.fault.DeadLetterFailureHandler;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.fault.FailureSupport;
import io.warren.connector.fault.Republisher;
import io.warren.connector.fault.RetryPolicy;
import io.warren.connector.incoming.IncomingServices;

/**
 * The failure strategy of a native stream channel, and what it needs: the dead-letter stream (declared, with a
 * producer opened on first use) or the AMQP 0-9-1 publisher for a dead-letter exchange.
 * <p>
 * {@code dead-letter} copies to {@code stream.dead-letter-stream}, or else to {@code dead-letter-exchange} through
 * the same republisher queues use; {@code retry} processes the message again in memory, then dead-letters or skips
 * it; {@code reject} and {@code accept} skip it (committed past, with a log record for reject); {@code requeue}
 * processes it again after {@code requeue.delay}, {@code fail} stops the channel (both refused by validation on
 * streams); a custom {@code FailureHandler} bean settles it as it likes.
 */
final class StreamFailures {

    private final WarrenConnectorIncomingConfiguration cfg;
    private final String channel;
    private final Environment env;
    private final StreamTopology topology;
    private final Optional<String> deadLetterStream;
    private final Republisher republisher;
    private final FailureHandler handler;
    private Producer producer;

    StreamFailures(WarrenConnectorIncomingConfiguration cfg, IncomingServices services, StreamTopology topology,
            ConfinedExecutor owner, Environment env) {
        this.cfg = cfg;
        this.channel = cfg.getChannel();
        this.env = env;
        this.topology = topology;
        this.deadLetterStream = cfg.getStreamDeadLetterStream().map(String::trim).filter(s -> !s.isEmpty());
        String strategy = cfg.getFailureStrategy();
        boolean copies = strategy.equals(FailureHandler.DEAD_LETTER) || strategy.equals(FailureHandler.RETRY);
        boolean toExchange = deadLetterStream.isEmpty()
                && (cfg.getAutoBindDlq() || cfg.getDeadLetterExchange().isPresent());
        // Only a dead-letter exchange needs AMQP 0-9-1; a channel that never republishes opens no such connection.
        this.republisher = new Republisher(channel, owner, services.connections(), ConnectionSettings.from(cfg),
                copies && toExchange);
        FailureSupport support = new FailureSupport(channel, topology.name, cfg, owner, republisher);
        FailureHandler skip = (m, reason, md) -> m.settleReject(false);
        FailureHandler deadLetter = deadLetterStream.isPresent()
                ? new StreamDeadLetterFailureHandler(channel, deadLetterStream.get(), owner, this::producer,
                        cfg.getDeadLetterIncludeStacktrace(), cfg.getRequeueDelay())
                : toExchange ? new DeadLetterFailureHandler(support) : null;
        this.handler = switch (strategy) {
            case FailureHandler.DEAD_LETTER -> deadLetter != null ? deadLetter : skip;
            case FailureHandler.RETRY -> new StreamRetryFailureHandler(channel, owner, RetryPolicy.from(cfg),
                    deadLetter != null ? deadLetter : skip);
            default -> services.failureHandlers().get(strategy, support);
        };
    }

    FailureHandler handler() {
        return handler;
    }

    /** Declares the dead-letter stream, with the channel's retention. */
    void declare() {
        deadLetterStream.filter(s -> cfg.getStreamDeclare()).ifPresent(s -> topology.declareStream(env, s));
    }

    /** The producer on the dead-letter stream, opened on first use. Owner thread only. */
    private Producer producer() {
        if (producer == null) {
            producer = env.producerBuilder().stream(deadLetterStream.orElseThrow()).build();
        }
        return producer;
    }

    /** Closes the producer and the republisher. Owner thread only. */
    void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
        republisher.close();
    }
}
