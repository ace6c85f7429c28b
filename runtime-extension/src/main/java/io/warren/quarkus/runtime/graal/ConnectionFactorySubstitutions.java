package io.warren.quarkus.runtime.graal;

import java.io.IOException;
import java.util.concurrent.ExecutorService;

import javax.net.SocketFactory;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.SocketConfigurator;
import com.rabbitmq.client.SslContextFactory;
import com.rabbitmq.client.impl.FrameHandlerFactory;
import com.rabbitmq.client.impl.SocketFrameHandlerFactory;

import io.warren.quarkus.runtime.RuntimeMessages;

/**
 * Keeps amqp-client's Netty and NIO transports out of native images. amqp-client 5.37 links its Netty transport
 * against Netty 4.2 ({@code MultiThreadIoEventLoopGroup}, {@code Channel.getOption}), while Quarkus ships Netty 4.1,
 * and Quarkus builds native images with {@code --link-at-build-time}: a reachable reference to a missing class
 * fails the build. Warren only uses the client's blocking socket transport, which this keeps, exactly as the
 * client builds it.
 */
final class ConnectionFactorySubstitutions {

    private ConnectionFactorySubstitutions() {
    }
}

@TargetClass(ConnectionFactory.class)
final class Target_com_rabbitmq_client_ConnectionFactory {

    @Alias
    private int connectionTimeout;
    @Alias
    private SocketFactory socketFactory;
    @Alias
    private SocketConfigurator socketConf;
    @Alias
    private ExecutorService shutdownExecutor;
    @Alias
    private SslContextFactory sslContextFactory;
    @Alias
    private boolean nio;
    @Alias
    private boolean netty;

    @Substitute
    protected synchronized FrameHandlerFactory createFrameHandlerFactory() throws IOException {
        if (nio || netty) {
            throw RuntimeMessages.MSG.nativeTransportUnavailable();
        }
        // Exactly the arguments the client's own socket branch passes (8192 included) in amqp-client 5.37.
        return new SocketFrameHandlerFactory(connectionTimeout, socketFactory, socketConf,
                ((ConnectionFactory) (Object) this).isSSL(), shutdownExecutor, sslContextFactory, 8192);
    }
}
