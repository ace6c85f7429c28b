package io.warren.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no broker to connect to, the app still starts, and readiness says DOWN with the reason. */
@QuarkusTest
@TestProfile(HealthDownTest.NoBroker.class)
class HealthDownTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback refuses connections at once.
            return Map.of("rabbitmq-host", "127.0.0.1", "rabbitmq-port", "1", "rabbitmq-password", "s3cret-pw");
        }
    }

    @Test
    void startupIsDownListingEveryChannelNotConnectedYet() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/started").then()
                .statusCode(503)
                .body(containsString("Warren channels started"), containsString("incoming:orders"),
                        containsString("outgoing:new-orders"), containsString("not connected yet"),
                        containsString("Connection refused"), not(containsString("s3cret-pw"))));
    }

    @Test
    void readinessIsDownWithTheReasonAndNoPassword() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503)
                .body(containsString("DOWN"), containsString("orders"), containsString("Connection refused"),
                        not(containsString("s3cret-pw"))));
    }
}
