package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ExecutorService;

import javax.net.SocketFactory;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.SocketConfigurator;
import com.rabbitmq.client.SslContextFactory;
import com.rabbitmq.client.impl.FrameHandlerFactory;
import com.rabbitmq.client.impl.SocketFrameHandlerFactory;

/**
 * The native-image substitution of {@code ConnectionFactory.createFrameHandlerFactory} only builds with GraalVM, so
 * this checks, on the JVM, that what it aliases and calls still exists in the amqp-client on the class path, and
 * that the reason for it (Netty 4.2 missing) still holds.
 */
class NativeSubstitutionTest {

    private static final String TARGET = "io.warren.quarkus.runtime.graal.Target_com_rabbitmq_client_ConnectionFactory";

    @Test
    void everyAliasedFieldExistsInTheClientWithTheSameType() throws Exception {
        Class<?> target = Class.forName(TARGET, false, getClass().getClassLoader());
        Field[] aliases = target.getDeclaredFields();
        assertThat(aliases).extracting(Field::getName).containsExactlyInAnyOrder("connectionTimeout", "socketFactory",
                "socketConf", "shutdownExecutor", "sslContextFactory", "nio", "netty");
        for (Field alias : aliases) {
            Field real = ConnectionFactory.class.getDeclaredField(alias.getName());
            assertThat(real.getType()).as(alias.getName()).isEqualTo(alias.getType());
            assertThat(Modifier.isStatic(real.getModifiers())).isFalse();
        }
    }

    @Test
    void theSubstitutedMethodAndTheConstructorItCallsExist() throws Exception {
        Method m = ConnectionFactory.class.getDeclaredMethod("createFrameHandlerFactory");
        assertThat(m.getReturnType()).isEqualTo(FrameHandlerFactory.class);
        assertThat(Class.forName(TARGET, false, getClass().getClassLoader())
                .getDeclaredMethod("createFrameHandlerFactory").getReturnType()).isEqualTo(FrameHandlerFactory.class);
        assertThat(SocketFrameHandlerFactory.class.getConstructor(int.class, SocketFactory.class,
                SocketConfigurator.class, boolean.class, ExecutorService.class, SslContextFactory.class, int.class))
                .isNotNull();
    }

    @Test
    void theClientsNettyTransportNeedsNetty42WhichQuarkusDoesNotShip() {
        assertThatThrownBy(() -> Class.forName("io.netty.channel.MultiThreadIoEventLoopGroup"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> io.netty.channel.Channel.class.getMethod("getOption",
                io.netty.channel.ChannelOption.class)).isInstanceOf(NoSuchMethodException.class);
    }
}
