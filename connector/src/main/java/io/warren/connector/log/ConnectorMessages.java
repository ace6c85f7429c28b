package io.warren.connector.log;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Messages;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageBundle;

import io.warren.connector.convert.Codec.ConversionException;
import io.warren.connector.outgoing.PublishFailedException;

/**
 * Every exception message the connector builds, each with a stable id (WARREN002000–WARREN002999); docs/message-ids.md
 * lists them. Ids are never reused: a removed message leaves a gap. A method returns the exception where its type
 * can be built from here, else the text for the exception's own constructor. The three without an id start with
 * "Channel '…': message …", a form applications and tests match on, so they keep it.
 */
@MessageBundle(projectCode = "WARREN")
public interface ConnectorMessages {

    ConnectorMessages MSG = Messages.getBundle(MethodHandles.lookup(), ConnectorMessages.class);

    // connection

    @Message(id = 2000, value = "The Warren connector is closed")
    IllegalStateException connectorClosed();

    @Message(id = 2001, value = "the connection has no channel left (channel-max reached)")
    IOException channelMaxReached();

    @Message(id = 2002, value = "cannot create the SSL context of TLS configuration '%s': %s")
    String sslContextFailed(String configuration, String reason);

    @Message(id = 2003, value = "tls-configuration-name=%1$s needs a TLS registry: the Quarkus extension provides it "
            + "(quarkus.tls.%1$s.*); outside Quarkus use the trust-store-* and key-store-* attributes")
    String noTlsRegistry(String configuration);

    @Message(id = 2004, value = "there is no TLS configuration named '%1$s' (tls-configuration-name): configure "
            + "quarkus.tls.%1$s.trust-store.* (and key-store.* for mutual TLS)")
    String noTlsConfiguration(String configuration);

    @Message(id = 2005, value = "%s=%s: a key store must be PKCS12 or JKS (convert a PEM key and certificate with: "
            + "openssl pkcs12 -export -in cert.pem -inkey key.pem -out client.p12)")
    String keyStoreFormat(String attribute, String path);

    @Message(id = 2006, value = "cannot read %s: no certificate in the file")
    String noCertificate(Object store);

    @Message(id = 2007, value = "cannot read %s: %s")
    String storeUnreadable(Object store, String reason);

    @Message(id = 2008, value = "addresses: '%s' is not host:port (a URI is not accepted: write host:port, and set "
            + "username and password on their own)")
    IllegalArgumentException addressIsUri(String redactedEntry);

    @Message(id = 2009, value = "addresses: '%s' is not host:port")
    IllegalArgumentException notHostPort(String redactedEntry);

    @Message(id = 2010, value = "credentials-provider-name=%s: no credentials provider is available; add a bean "
            + "implementing io.quarkus.credentials.CredentialsProvider, or remove credentials-provider-name and set "
            + "username and password")
    String noCredentialsProvider(String name);

    @Message(id = 2011, value = "credentials-provider-name=%s: no credentials provider bean named '%s' is available; add "
            + "a bean implementing io.quarkus.credentials.CredentialsProvider annotated with @Named(\"%2$s\"), or remove "
            + "credentials-provider-name and set username and password")
    String noCredentialsProviderBean(String name, String bean);

    /** What a channel asks of a broker that is not RabbitMQ, as an exception or a health note. */
    @Message(id = 2012, value = "%s needs RabbitMQ; the broker is %s")
    String needsRabbitMq(String feature, String product);

    // fault

    @Message(id = 2100, value = "the channel closed before the broker confirmed the copy: %s")
    IOException copyChannelClosed(String reason);

    @Message(id = 2101, value = "the channel for dead-letter and retry copies is not open")
    IOException copyChannelNotOpen();

    @Message(id = 2102, value = "the broker did not confirm the copy within %d ms")
    IOException copyNotConfirmed(long timeoutMs);

    @Message(id = 2103, value = "the connector is closing")
    IOException connectorClosing();

    @Message(id = 2104, value = "Channel '%s': unknown failure-strategy '%s'. Use %s, or the @Identifier of a "
            + "FailureHandler bean")
    IllegalArgumentException unknownFailureStrategy(String channel, String strategy, String builtIn);

    // incoming

    @Message(id = 2200, value = "Channel '%s': stream.offset '%s' is not %s")
    IllegalArgumentException badStreamOffset(String channel, String value, String forms);

    @Message(id = 2201, value = "Channel '%s': message %s could not be handed to the application: %s")
    IllegalStateException notHandedOver(String channel, String messageId, Object reason, @Cause Throwable cause);

    @Message(id = 2202, value = "the connection has no channel left")
    IOException noChannelLeft();

    @Message(id = 2203, value = "unknown failure")
    IllegalStateException unknownFailure();

    @Message(id = 2204, value = "Channel '%s': no deduplication store named '%s'; use 'memory' or the @Identifier of a "
            + "DeduplicationStore bean")
    IllegalArgumentException noDeduplicationStore(String channel, String store);

    @Message(id = 2205, value = "Channel '%s': cannot convert message %s (content-type %s) to %s: %s")
    String notConverted(String channel, String messageId, String contentType, String targetType, String reason);

    @Message(id = 2206, value = "Channel '%s': message %s not processed: the deduplication store '%s' could not tell "
            + "whether it is a duplicate: %s")
    String deduplicationUnknown(String channel, String messageId, String store, String reason);

    @Message(id = 2207, value = "no answer within deduplication.timeout=%d ms")
    TimeoutException noDeduplicationAnswer(long timeoutMs);

    @Message(id = Message.NONE, value = "Channel '%s': message %s failed: %s")
    String messageFailed(String channel, String messageId, String reason);

    // convert

    @Message(id = 2300, value = "no codec writes content type '%s' for a %s (codecs: %s); add a Codec bean for it")
    IllegalArgumentException noWriterFor(String contentType, String type, String codecs);

    @Message(id = 2301, value = "no codec writes a %s (codecs: %s); add a Codec bean for it")
    IllegalArgumentException noWriter(String type, String codecs);

    @Message(id = 2302, value = "Unknown payload type '%s': %s")
    IllegalArgumentException unknownPayloadType(String type, String reason, @Cause Throwable cause);

    @Message(id = 2303, value = "content-encoding '%s' is not supported")
    String unsupportedEncoding(String encoding);

    @Message(id = 2304, value = "content type '%s' cannot be converted to a %s: no codec reads it (codecs: %s); add a "
            + "Codec bean for it, or take a byte[]")
    String noReader(String contentType, String target, String codecs);

    @Message(id = 2305, value = "content type '%s' cannot be converted to a %s: no codec reads it into that type "
            + "(codecs: %s); send application/json, or take a String or byte[]")
    String noReaderInto(String contentType, String target, String codecs);

    @Message(id = 2306, value = "cannot write a %s as %s: %s")
    ConversionException notWritten(String type, String format, String reason, @Cause Throwable cause);

    @Message(id = 2307, value = "invalid %s: %s")
    ConversionException invalid(String format, String reason, @Cause Throwable cause);

    @Message(id = 2308, value = "the %s does not match %s: %s")
    ConversionException mismatch(String format, String target, String reason, @Cause Throwable cause);

    // reply

    @Message(id = 2400, value = "Channel '%s': no reply to request %s within %d ms")
    TimeoutException noReply(String channel, String correlationId, long timeoutMs);

    @Message(id = 2401, value = "Channel '%s': cannot convert the reply to request %s (content-type %s) to %s: %s")
    IllegalArgumentException replyNotConverted(String channel, String correlationId, String contentType, String type,
            String reason);

    @Message(id = 2402, value = "No request-reply emitter for channel '%s'")
    IllegalStateException noRequestReplyEmitter(String channel);

    @Message(id = 2403, value = "Channel '%s': %s needs RabbitMQ; the broker is %s. Use reply.mode=auto or "
            + "reply.mode=queue")
    String directReplyUnsupported(String channel, String feature, String product);

    // outgoing

    @Message(id = 2500, value = "Channel '%s': cannot serialize the payload: %s")
    PublishFailedException notSerialized(String channel, String reason);

    @Message(id = 2501, value = "Channel '%s': the connector is closing")
    PublishFailedException closing(String channel);

    @Message(id = 2502, value = "Channel '%s': a message failed: %s")
    PublishFailedException failed(String channel, String reason);

    @Message(id = Message.NONE, value = "Channel '%s': message %s to exchange '%s' with routing key '%s' failed: %s")
    PublishFailedException messageNotPublished(String channel, String messageId, String exchange, String routingKey,
            String reason);

    @Message(id = Message.NONE, value = "Channel '%s': message %s cannot be published: %s")
    PublishFailedException messageRefused(String channel, String messageId, String problem);

    // stream

    @Message(id = 2600, value = "Channel '%s': the broker did not confirm message %s on stream '%s': %s")
    PublishFailedException streamNotConfirmed(String channel, Object messageId, String stream, String code);

    @Message(id = 2601, value = "Channel '%s': cannot publish message %s to stream '%s': %s")
    PublishFailedException streamNotPublished(String channel, Object messageId, String stream, String reason);

    @Message(id = 2602, value = "A publishing id is 0 or more: %d")
    IllegalArgumentException negativePublishingId(long id);
}
