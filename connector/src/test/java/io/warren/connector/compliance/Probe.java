package io.warren.connector.compliance;

/** Exercises one AMQP method or property on a broker and tells what happened, in a few stable words. */
@FunctionalInterface
interface Probe {

    /** What works as Warren relies on it. */
    String YES = "yes";

    String run(Wire wire) throws Exception;

    /**
     * One row of the matrix.
     *
     * @param area the AMQP class or feature, such as {@code queue} or {@code RabbitMQ extension}
     * @param item the method, argument or property
     * @param usedFor what Warren uses it for
     * @param probe the exercise
     */
    record Row(String area, String item, String usedFor, Probe probe) {
    }
}
