package io.warren.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** RequestReplyEmitter against Warren's own RPC server, through the broker. */
@QuarkusTest
@QuarkusTestResource(value = WarrenTestResource.class, restrictToAnnotatedClass = true)
class RequestReplyTest {

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aRequestGetsItsReplyConvertedToThePojo() {
        given().get("/quotes/book?quantity=3").then().statusCode(200).body("sku", is("book"))
                .body("quantity", is(3)).body("price", is(37.5f));
    }

    @Test
    void manyConcurrentRequestsGetTheirOwnReplies() {
        List<CompletableFuture<String>> calls = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> given().get("/quotes/pen?quantity=" + i).then().statusCode(200).extract().asString()))
                .toList();
        for (int i = 1; i <= 40; i++) {
            assertThat(calls.get(i - 1).join()).contains("\"quantity\":" + i + ",");
        }
    }

    @Test
    void aFailingServerMethodBecomesAnErrorReplyNotATimeout() {
        long start = System.nanoTime();
        given().get("/quotes/unicorn?quantity=1").then().statusCode(422).body(containsString("unknown product unicorn"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRequestNobodyAnswersTimesOut() {
        given().get("/quotes/unanswered/book").then().statusCode(504)
                .body(containsString("no reply to request"), containsString("within 500 ms"));
    }
}
