package io.warren.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark message: an order of about 1 KiB as JSON. */
public class Payload {
    public long id;
    public long sentAtNanos;
    public String customer;
    public String currency;
    public List<Line> lines = new ArrayList<>();

    /** One order line. */
    public static class Line {
        public String sku;
        public int quantity;
        public double unitPrice;
        public String note;
    }

    /** A payload whose JSON form is about 1 KiB. */
    public static Payload sample(long id) {
        Payload p = new Payload();
        p.id = id;
        p.customer = "customer-" + (id % 997);
        p.currency = "EUR";
        for (int i = 0; i < 6; i++) {
            Line l = new Line();
            l.sku = "SKU-" + (id % 10_000) + "-" + i;
            l.quantity = 1 + (int) (id % 7);
            l.unitPrice = 9.99 + i;
            l.note = "handle with care, deliver to the back door, line " + i + " of the order";
            p.lines.add(l);
        }
        return p;
    }
}
