package dev.scaledeck.engine.loadtest;

/** Why a request failed. */
public enum ErrorKind {
    /** No answer within the request's timeout. */
    TIMEOUT,
    /** The connection could not be made (refused, reset before an answer, no instance to take it). */
    CONNECT,
    /** An answer with status 400..499. */
    HTTP_4XX,
    /** An answer with status 500..599. */
    HTTP_5XX,
    /** Anything else (a SQL error, a protocol error). */
    OTHER
}
