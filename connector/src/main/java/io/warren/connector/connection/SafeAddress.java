package io.warren.connector.connection;

import static io.warren.connector.log.ConnectorMessages.MSG;

import com.rabbitmq.client.Address;

import io.warren.connector.config.Redaction;

/**
 * Parses one entry of {@code addresses}. amqp-client's own error quotes the entry, which for a URI such as
 * {@code amqp://user:secret@host} prints the password, and it logs it too: a URI never reaches it.
 */
public final class SafeAddress {

    private SafeAddress() {
    }

    /** The address; an {@link IllegalArgumentException} without secrets when it is not {@code host[:port]}. */
    public static Address parse(String entry) {
        // amqp-client logs its error (at ERROR, with the entry) before it throws: keep URIs away from it.
        if (entry.contains("://") || entry.contains("@")) {
            throw MSG.addressIsUri(Redaction.text(entry));
        }
        try {
            return Address.parseAddress(entry);
        } catch (RuntimeException e) {
            // A URI was refused above, so this entry is only malformed.
            throw MSG.notHostPort(Redaction.text(entry));
        }
    }
}
