package io.warren.connector.convert;

import java.util.List;

import com.fasterxml.jackson.databind.JavaType;

/**
 * Turns payloads of one Java type into message bodies of some content types, and those bodies back into payloads.
 * <p>
 * Warren's own JSON, text and bytes codecs are codecs like any other; add a format by providing a CDI bean that
 * implements this interface (outside CDI, pass it to the {@code WarrenConnector} constructor). Codecs are consulted in
 * the order of their {@link #priority()}, lowest first: on the way in, the first that reads the message's
 * {@code content-type} into the type the handler takes decodes it; on the way out, the first that writes the channel's
 * {@code content-type} (or the message's, from its metadata) for the payload's class encodes it, and without one the
 * first that writes the payload's class does, with its first content type.
 * <p>
 * The type parameter is the Java type the codec handles. The Quarkus extension reads it at build time and registers it
 * and its subtypes in the application for reflection in native images, so a codec may create or inspect them
 * reflectively (for example a generated class's {@code parseFrom}).
 *
 * @param <T> the Java type handled
 */
public interface Codec<T> {

    /** The priority of a codec that does not say. */
    int DEFAULT_PRIORITY = 100;

    /** The priority of Warren's own codecs: user codecs of the default priority come first. */
    int BUILT_IN_PRIORITY = 1000;

    /** The Java type handled; payloads of subtypes are handled too. */
    Class<T> type();

    /**
     * The content types read and written, lower case, without parameters: {@code type/subtype}, {@code type/*},
     * {@code *}{@code /*} or a structured-syntax suffix such as {@code *}{@code /*+json}. The first one, which must
     * be a concrete type, is written when a payload is encoded without a requested content type.
     */
    List<String> contentTypes();

    /** The order in which codecs are consulted, lowest first. */
    default int priority() {
        return DEFAULT_PRIORITY;
    }

    /** Whether a payload of this class can be written. */
    default boolean canEncode(Class<?> payloadClass) {
        return type().isAssignableFrom(payloadClass);
    }

    /** Whether a body can be read into this type. */
    default boolean canDecode(JavaType target) {
        return type().isAssignableFrom(target.getRawClass());
    }

    /**
     * Writes a payload.
     *
     * @param payload the payload, never null
     * @param contentType the content type requested (with its parameters, such as a charset), or this codec's first
     * @throws ConversionException when the payload cannot be written
     */
    byte[] encode(T payload, String contentType) throws ConversionException;

    /**
     * Reads a body.
     *
     * @param body the body as received
     * @param contentType the message's content type with its parameters, or null when the message has none
     * @param target the type wanted, one {@link #canDecode} accepted
     * @throws ConversionException when the body does not hold a valid value of that type
     */
    T decode(byte[] body, String contentType, JavaType target) throws ConversionException;

    /** A body or payload that a codec cannot convert. */
    final class ConversionException extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param reason why the conversion failed, one line */
        public ConversionException(String reason) {
            super(reason, null, false, false);
        }

        /**
         * @param reason why the conversion failed, one line
         * @param cause the underlying failure
         */
        public ConversionException(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }
}
