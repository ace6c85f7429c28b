package io.warren.connector.support;

/** A test payload. */
public class Order {
    public String id;
    public int quantity;

    public Order() {
    }

    public Order(String id, int quantity) {
        this.id = id;
        this.quantity = quantity;
    }
}
