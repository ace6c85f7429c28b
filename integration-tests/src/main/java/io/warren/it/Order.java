package io.warren.it;

import java.util.List;

/** An order as it arrives on the wire. */
public record Order(String id, String customer, List<Line> lines) {

    /** One line of an order. */
    public record Line(String sku, int quantity, double unitPrice) {
    }
}
