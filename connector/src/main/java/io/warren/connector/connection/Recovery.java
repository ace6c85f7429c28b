package io.warren.connector.connection;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;

/** Hooks into amqp-client's automatic recovery of a channel. */
public final class Recovery {

    private Recovery() {
    }

    /**
     * Runs {@code recovered} on the owning thread each time the client has recovered the channel (its topology and
     * consumers are back; delivery tags and publish sequence numbers start again).
     */
    public static void onRecovered(Channel channel, ConfinedExecutor owner, Runnable recovered) {
        if (channel instanceof Recoverable r) {
            r.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recoverable) {
                    owner.execute(recovered);
                }

                @Override
                public void handleRecoveryStarted(Recoverable recoverable) {
                    // the connection listener already reported the loss
                }
            });
        }
    }
}
