package io.warren.connector.reply;

/** The service that handled a request failed, and said so in its reply. */
public final class RemoteProcessingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remoteType;

    /**
     * @param message the remote failure's message
     * @param remoteType the remote failure's class name, or null
     */
    public RemoteProcessingException(String message, String remoteType) {
        super(message, null, false, false);
        this.remoteType = remoteType;
    }

    /** The class name of the remote failure, or null when the reply did not say. */
    public String getRemoteType() {
        return remoteType;
    }
}
