package io.warren.quarkus.deployment.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls a method of the Dev UI's JSON-RPC endpoint ({@code /q/dev-ui/json-rpc-ws}), as the Dev UI page does. */
final class DevUiJsonRpc {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern ID_7 = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*7\\b");

    private DevUiJsonRpc() {
    }

    /**
     * The result of the method, or fails with the endpoint's error. A runtime method is named
     * {@code <extension artifact>_<java method>}.
     */
    static JsonNode call(int port, String method) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/q/dev-ui/json-rpc-ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String message = text.toString();
                            text.setLength(0);
                            seen.add(message);
                            if (ID_7.matcher(message).find()) {
                                answer.complete(message);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        answer.completeExceptionally(new AssertionError("closed " + statusCode + " " + reason + " after " + seen));
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        answer.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":{}}", true)
                    .get(10, TimeUnit.SECONDS);
            String message;
            try {
                message = answer.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no answer to " + method + "; messages seen: " + seen);
            }
            JsonNode response = JSON.readTree(message);
            if (response.has("error")) {
                throw new AssertionError(method + ": " + response.get("error"));
            }
            JsonNode result = response.get("result");
            // The Dev UI wraps results: {"messageType":"Response","object":...}
            return result.has("object") ? result.get("object") : result;
        } finally {
            ws.abort();
        }
    }
}
