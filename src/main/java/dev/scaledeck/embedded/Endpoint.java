package dev.scaledeck.embedded;

import com.sun.net.httpserver.HttpExchange;

/** Answers one method on one path of a sample instance. Implementations must be thread-safe. */
@FunctionalInterface
interface Endpoint {

    /**
     * @throws HttpRequests.BadRequest for input the client must fix
     * @throws Exception               for anything else, answered with 500
     */
    HttpResponse handle(HttpExchange exchange) throws Exception;
}
