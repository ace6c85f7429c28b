package io.warren.connector.observe;

import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.rabbitmq.client.AMQP;

import io.warren.connector.incoming.IncomingRabbitMQMessage;

/** Several observers of one channel, told in order. */
final class CompositeObserver implements ChannelObserver {

    private final ChannelObserver[] observers;

    private CompositeObserver(ChannelObserver[] observers) {
        this.observers = observers;
    }

    static ChannelObserver of(List<ChannelObserver> observers) {
        return switch (observers.size()) {
            case 0 -> ChannelObserver.NONE;
            case 1 -> observers.get(0);
            default -> new CompositeObserver(observers.toArray(ChannelObserver[]::new));
        };
    }

    @Override
    public void delivered(IncomingRabbitMQMessage<?> message) {
        for (ChannelObserver o : observers) {
            o.delivered(message);
        }
    }

    @Override
    public Scope handing(IncomingRabbitMQMessage<?> message) {
        // Usually one observer at most opens a scope (tracing): return it as it is, with no allocation.
        Scope only = Scope.NONE;
        Scope[] opened = null;
        int count = 0;
        for (ChannelObserver o : observers) {
            Scope s = o.handing(message);
            if (s == Scope.NONE) {
                continue;
            }
            if (count == 0) {
                only = s;
            } else {
                if (opened == null) {
                    opened = new Scope[observers.length];
                    opened[0] = only;
                }
                opened[count] = s;
            }
            count++;
        }
        if (count <= 1) {
            return only;
        }
        Scope[] all = opened;
        int n = count;
        return () -> {
            for (int i = n - 1; i >= 0; i--) {
                all[i].close();
            }
        };
    }

    @Override
    public void deduplicated(IncomingRabbitMQMessage<?> message) {
        for (ChannelObserver o : observers) {
            o.deduplicated(message);
        }
    }

    @Override
    public void handled(IncomingRabbitMQMessage<?> message, Throwable failure) {
        for (ChannelObserver o : observers) {
            o.handled(message, failure);
        }
    }

    @Override
    public void settled(IncomingRabbitMQMessage<?> message, Settlement settlement) {
        for (ChannelObserver o : observers) {
            o.settled(message, settlement);
        }
    }

    @Override
    public void abandoned(IncomingRabbitMQMessage<?> message) {
        for (ChannelObserver o : observers) {
            o.abandoned(message);
        }
    }

    @Override
    public AMQP.BasicProperties publishing(Message<?> message, String exchange, String routingKey,
            AMQP.BasicProperties properties) {
        AMQP.BasicProperties p = properties;
        for (ChannelObserver o : observers) {
            p = o.publishing(message, exchange, routingKey, p);
        }
        return p;
    }

    @Override
    public void published() {
        for (ChannelObserver o : observers) {
            o.published();
        }
    }

    @Override
    public void publishSettled(PublishOutcome outcome, long publishedAtNanos) {
        for (ChannelObserver o : observers) {
            o.publishSettled(outcome, publishedAtNanos);
        }
    }

    @Override
    public void pending(int buffered, int awaitingConfirm) {
        for (ChannelObserver o : observers) {
            o.pending(buffered, awaitingConfirm);
        }
    }

    @Override
    public void connectionUp() {
        for (ChannelObserver o : observers) {
            o.connectionUp();
        }
    }

    @Override
    public void connectionDown(String reason) {
        for (ChannelObserver o : observers) {
            o.connectionDown(reason);
        }
    }

    @Override
    public void connectionRecovered() {
        for (ChannelObserver o : observers) {
            o.connectionRecovered();
        }
    }

    @Override
    public void connectionBlocked(boolean blocked) {
        for (ChannelObserver o : observers) {
            o.connectionBlocked(blocked);
        }
    }
}
