package io.warren.connector.validation;

/**
 * What the application code does with a channel, as far as the build can tell.
 *
 * @param usedBy the method or injection point using the channel, such as {@code com.acme.Pricing#price}; null
 *        when no code uses it
 * @param payloadType the payload type the code consumes or produces; null when it is not known
 * @param takesList whether the consuming method takes a list of payloads; null when it is not known
 */
public record CodeFacts(String usedBy, String payloadType, Boolean takesList) {

    /** No code uses the channel. */
    public static final CodeFacts UNUSED = new CodeFacts(null, null, null);

    /** Whether some code uses the channel. */
    public boolean used() {
        return usedBy != null;
    }
}
