package io.warren.connector.convert;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns payloads into message bodies and back through the {@link Codec}s: the application's, then Warren's own
 * (bytes, JSON, text, CBOR), in the order of their priority. Inbound, the message's content type selects the codec;
 * outbound, the channel's {@code content-type} or the message's metadata does, and otherwise the payload's class.
 * <p>
 * One instance is shared by the connector; {@link #forChannel} gives a channel its own view with its settings.
 */
public final class PayloadCodec {

    /** {@code application/json}. */
    public static final String JSON = ContentTypes.JSON;
    /** {@code text/plain}. */
    public static final String TEXT = ContentTypes.TEXT;
    /** {@code application/octet-stream}. */
    public static final String BINARY = ContentTypes.BINARY;

    private final ObjectMapper mapper;
    private final List<Codec<?>> codecs;
    /** The content type written unless the message's metadata names one; null to choose by the payload's class. */
    private final String outgoingContentType;
    /** The content type assumed for every incoming message, whatever it says; null to use the message's own. */
    private final String incomingOverride;

    /** @param mapper the mapper for JSON payloads; in Quarkus, the application's own */
    public PayloadCodec(ObjectMapper mapper) {
        this(mapper, List.of());
    }

    /**
     * @param mapper the mapper for JSON and CBOR payloads; in Quarkus, the application's own
     * @param custom the application's codecs, consulted before Warren's own at the same priority
     */
    public PayloadCodec(ObjectMapper mapper, List<? extends Codec<?>> custom) {
        this(mapper, ordered(mapper, custom), null, null);
    }

    private PayloadCodec(ObjectMapper mapper, List<Codec<?>> codecs, String outgoingContentType,
            String incomingOverride) {
        this.mapper = mapper;
        this.codecs = codecs;
        this.outgoingContentType = outgoingContentType;
        this.incomingOverride = incomingOverride;
    }

    private static List<Codec<?>> ordered(ObjectMapper mapper, List<? extends Codec<?>> custom) {
        List<Codec<?>> all = new ArrayList<>(custom);
        // JSON before text, so that a method taking Object gets a Map for JSON and a String for text; CBOR after JSON,
        // so that POJOs are written as JSON unless a channel asks for CBOR.
        all.add(new BytesCodec());
        all.add(JacksonCodec.json(mapper));
        all.add(new TextCodec());
        all.add(JacksonCodec.cbor(mapper));
        all.sort(Comparator.comparingInt(Codec::priority)); // stable: custom codecs first at equal priority
        return List.copyOf(all);
    }

    /**
     * The view of one channel.
     *
     * @param outgoingContentType the content type to write (selects the codec), or null to choose by payload class
     * @param incomingOverride the content type to read every incoming body as, or null to use the message's own
     */
    public PayloadCodec forChannel(String outgoingContentType, String incomingOverride) {
        return new PayloadCodec(mapper, codecs, blankToNull(outgoingContentType), blankToNull(incomingOverride));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The mapper used outside Quarkus: Java time support and lenient about unknown properties. */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The Jackson mapper in use. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The codecs, in the order they are consulted. */
    public List<Codec<?>> codecs() {
        return codecs;
    }

    /** A body with its content type. */
    public record Encoded(byte[] body, String contentType) {
    }

    /** Read and written by the channels' threads; a race only costs one more search. */
    private volatile Decoding lastDecoding;

    /** Encodes an outgoing payload with the channel's content type, or by its class. */
    public Encoded encode(Object payload) {
        return encode(payload, null);
    }

    /**
     * Encodes an outgoing payload.
     *
     * @param payload the payload
     * @param requested the content type the message's metadata asks for, or null. It selects the codec when one
     * writes it for this payload; otherwise it is only the property sent, as before codecs existed
     * @throws IllegalArgumentException when no codec writes the channel's content type for this payload, or the
     * codec fails
     */
    public Encoded encode(Object payload, String requested) {
        if (payload == null) {
            return new Encoded(new byte[0], requested == null ? BINARY : requested);
        }
        Object value = payload instanceof Character c ? c.toString() : payload;
        if (requested != null) {
            Codec<Object> codec = writer(value.getClass(), ContentTypes.mime(requested));
            if (codec != null) {
                return new Encoded(write(codec, value, requested), requested);
            }
        }
        if (outgoingContentType != null) {
            Codec<Object> codec = writer(value.getClass(), ContentTypes.mime(outgoingContentType));
            if (codec == null) {
                throw MSG.noWriterFor(outgoingContentType, value.getClass().getName(), describe());
            }
            return new Encoded(write(codec, value, outgoingContentType), requested != null ? requested
                    : outgoingContentType);
        }
        for (Codec<?> c : codecs) {
            if (c.canEncode(value.getClass())) {
                String written = c.contentTypes().get(0);
                return new Encoded(write(cast(c), value, written), requested != null ? requested : written);
            }
        }
        throw MSG.noWriter(value.getClass().getName(), describe());
    }

    private Codec<Object> writer(Class<?> type, String mime) {
        for (Codec<?> c : codecs) {
            if (c.canEncode(type) && accepts(c, mime)) {
                return cast(c);
            }
        }
        return null;
    }

    private static byte[] write(Codec<Object> codec, Object value, String contentType) {
        try {
            return codec.encode(value, contentType);
        } catch (Codec.ConversionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Codec<Object> cast(Codec<?> codec) {
        return (Codec<Object>) codec;
    }

    private static boolean accepts(Codec<?> codec, String mime) {
        for (String pattern : codec.contentTypes()) {
            if (ContentTypes.matches(pattern, mime)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the codec names this type, or its family, rather than taking anything ({@code *}{@code /*}). */
    private static boolean named(Codec<?> codec, String mime) {
        for (String pattern : codec.contentTypes()) {
            if (!pattern.equals("*/*") && ContentTypes.matches(pattern, mime)) {
                return true;
            }
        }
        return false;
    }

    /** Resolves a type name such as {@code com.acme.Order} or {@code java.util.List<com.acme.Order>}. */
    public JavaType resolve(String typeName, ClassLoader loader) {
        try {
            if (!typeName.contains("<")) {
                return mapper.getTypeFactory().constructType(Class.forName(typeName.trim(), false, loader));
            }
            return mapper.getTypeFactory().constructFromCanonical(typeName.trim());
        } catch (ClassNotFoundException | IllegalArgumentException e) {
            throw MSG.unknownPayloadType(typeName, e.getMessage(), e);
        }
    }

    /**
     * Decodes an incoming body.
     *
     * @param body the raw body
     * @param contentType the content-type property, may be null (read as JSON)
     * @param target the requested type, or null to get a {@code String} for text and a {@code byte[]} otherwise
     * @throws ConversionException when no codec reads this content type into the target type, or the body is not
     * valid
     */
    public Object decode(byte[] body, String contentType, String contentEncoding, JavaType target)
            throws ConversionException {
        String effective = incomingOverride != null ? incomingOverride : contentType;
        if (target == null) {
            return ContentTypes.mime(effective).startsWith("text/") ? new String(body, ContentTypes.charset(effective))
                    : body;
        }
        Class<?> raw = target.getRawClass();
        if (raw == byte[].class) {
            return body;
        }
        if (raw != String.class && contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.equalsIgnoreCase("identity")
                && !contentEncoding.toLowerCase(Locale.ROOT).startsWith("utf")) {
            throw new ConversionException(MSG.unsupportedEncoding(contentEncoding));
        }
        // A channel sees one content type and one target almost always: the codec found last is tried first, which
        // spares the search through every codec's content types for each message.
        Decoding last = lastDecoding;
        if (last != null && last.target() == target && Objects.equals(last.contentType(), effective)) {
            return decodeWith(last.codec(), body, effective, target);
        }
        String mime = ContentTypes.mime(effective);
        // A message without a content type is read as JSON, as most producers that leave it out send JSON.
        String lookup = mime.isEmpty() ? JSON : mime;
        boolean known = false;
        for (Codec<?> c : codecs) {
            if (accepts(c, lookup)) {
                known |= named(c, lookup);
                if (c.canDecode(target)) {
                    lastDecoding = new Decoding(effective, target, c);
                    return decodeWith(c, body, effective, target);
                }
            }
        }
        if (!known) {
            throw new ConversionException(MSG.noReader(effective, target.toCanonical(), describe()));
        }
        throw new ConversionException(MSG.noReaderInto(effective, target.toCanonical(), describe()));
    }

    private static Object decodeWith(Codec<?> codec, byte[] body, String contentType, JavaType target)
            throws ConversionException {
        try {
            return codec.decode(body, contentType, target);
        } catch (Codec.ConversionException e) {
            throw new ConversionException(e.getMessage());
        }
    }

    /** The codec that last decoded this content type into this target. */
    private record Decoding(String contentType, JavaType target, Codec<?> codec) {
    }

    /** The codecs as {@code Name (content types)}, for error messages. */
    public String describe() {
        Set<String> parts = new LinkedHashSet<>();
        for (Codec<?> c : codecs) {
            parts.add(c.getClass().getSimpleName() + " " + String.join("|", c.contentTypes()));
        }
        return String.join(", ", parts);
    }

    /** A body that cannot be turned into the requested type. */
    public static final class ConversionException extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param reason why the conversion failed */
        public ConversionException(String reason) {
            super(reason);
        }
    }
}
