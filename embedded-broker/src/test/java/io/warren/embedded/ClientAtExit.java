package io.warren.embedded;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * A process for {@link ExitOrderTest}: an embedded broker and a client that, like an application, closes its
 * connection in a shutdown hook of its own, slowly. It prints what the client saw on standard output.
 */
public final class ClientAtExit {

    private ClientAtExit() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(broker.host());
        f.setPort(broker.port());
        f.setAutomaticRecoveryEnabled(false);
        Connection c = f.newConnection("client-at-exit");
        c.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                System.out.println("LOST " + cause.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(500); // an application settling what is in flight before it closes
                c.close();
                System.out.println("CLOSED");
            } catch (Exception e) {
                System.out.println("LOST " + e);
            }
        }));
        System.out.println("READY " + broker.workDir());
        Thread.sleep(Long.MAX_VALUE);
    }
}
