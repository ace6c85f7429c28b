package io.warren.connector.connection;

import com.rabbitmq.client.Address;

import io.warren.connector.config.Redaction;

/**
 * Parses one entry of {@code addresses}. amqp-client's own error quotes the entry, which for a URI such as
 * {@code amqp://user:secret@host} prints the password: this one masks it.
 */
public final class SafeAddress {

    private SafeAddress() {
    }

    /** The address; an {@link IllegalArgumentException} without secrets when it is not {@code host[:port]}. */
    public static Address parse(String entry) {
        try {
            return Address.parseAddress(entry);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("addresses: '" + Redaction.text(entry) + "' is not host:port"
                    + (entry.contains("://") ? " (a URI is not accepted: write host:port, and set username and "
                            + "password on their own)" : ""));
        }
    }
}
