package io.warren.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code /q/health/started} lists every Warren channel and turns UP once each has connected. */
@QuarkusTest
@QuarkusTestResource(value = WarrenTestResource.class, restrictToAnnotatedClass = true)
class StartupHealthTest {

    @Test
    void startedOnceEveryChannelHasConnected() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/started").then()
                .statusCode(200)
                .body("checks.find { it.name == 'Warren channels started' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Warren channels started' }.data.'incoming:orders'", equalTo("started"))
                .body("checks.find { it.name == 'Warren channels started' }.data.'incoming:priced-in'", equalTo("started"))
                .body("checks.find { it.name == 'Warren channels started' }.data.'outgoing:new-orders'", equalTo("started"))
                .body("checks.find { it.name == 'Warren channels started' }.data.'outgoing:quote-requests'", equalTo("started"))
                // concurrency=3: all three copies of the channel connected
                .body("checks.find { it.name == 'Warren channels started' }.data.'incoming:audit'", equalTo("started")));
    }
}
