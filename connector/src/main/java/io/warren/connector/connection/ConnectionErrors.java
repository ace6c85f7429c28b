package io.warren.connector.connection;

import java.security.cert.CertificateException;
import java.util.Locale;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import com.rabbitmq.client.AuthenticationFailureException;

import io.warren.connector.config.Redaction;

/**
 * One-line reasons for failed connection attempts, for logs and health: what went wrong, where, and what to do,
 * for TLS and authentication failures in particular. Never a password: URI user-info is masked as well.
 */
public final class ConnectionErrors {

    private ConnectionErrors() {
    }

    /** The reason a connection to these settings failed. */
    public static String describe(Throwable e, ConnectionSettings settings) {
        return Redaction.text(reason(e, settings));
    }

    private static String reason(Throwable e, ConnectionSettings settings) {
        Throwable tls = find(e, SSLException.class);
        if (tls == null) {
            tls = find(e, CertificateException.class);
        }
        if (tls != null) {
            return "TLS handshake with " + settings.hosts() + " failed: " + tls(tls);
        }
        if (find(e, TlsContexts.TlsSetupException.class) != null) {
            return "TLS is not set up: " + find(e, TlsContexts.TlsSetupException.class).getMessage();
        }
        if (find(e, Credentials.MissingProviderException.class) != null) {
            return find(e, Credentials.MissingProviderException.class).getMessage();
        }
        if (find(e, AuthenticationFailureException.class) != null) {
            String who = settings.security().credentialsProviderName() != null
                    ? "the user of credentials provider '" + settings.security().credentialsProviderName() + "'"
                    : "user '" + settings.username() + "'";
            return "authentication failed for " + who + " (ACCESS_REFUSED): check the username and password";
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String tls(Throwable e) {
        String detail = deepest(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return "the server's certificate does not name the host connected to (" + detail + "); connect with a "
                    + "host name the certificate names, or give the broker a certificate that names this host";
        }
        if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("unable to find valid")) {
            return "the server's certificate is not trusted (" + detail + "); add the certificate of the CA that "
                    + "signed it to the trust store (trust-store-path, or the TLS configuration's trust store)";
        }
        if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                || lower.contains("handshake_failure") || lower.contains("unknown_ca")) {
            return "the broker refused the client's certificate, or wants one (" + detail + "); present a "
                    + "certificate its CA trusts with key-store-path, or the TLS configuration's key store";
        }
        if (e instanceof SSLHandshakeException || lower.contains("unrecognized ssl message")
                || lower.contains("plaintext")) {
            return detail + " (is TLS enabled on that port?)";
        }
        return detail;
    }

    /** The most specific message in the chain. */
    private static String deepest(Throwable e) {
        String message = e.getMessage();
        Throwable t = e.getCause();
        while (t != null && t != t.getCause()) {
            if (t.getMessage() != null && !(t.getMessage().contains(t.getClass().getName()))) {
                message = t.getMessage();
            }
            t = t.getCause();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
