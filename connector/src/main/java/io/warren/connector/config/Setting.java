package io.warren.connector.config;

/**
 * One configured attribute of a channel.
 *
 * @param attribute the attribute name, such as {@code queue.name}
 * @param property the property that set it, such as {@code mp.messaging.incoming.orders.queue.name}
 * @param value the value; null when it cannot be known yet (an expression whose variable is only set at run time)
 */
public record Setting(String attribute, String property, String value) {

    /** Whether the value is known. */
    public boolean resolved() {
        return value != null;
    }
}
