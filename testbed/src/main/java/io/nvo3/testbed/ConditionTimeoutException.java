package io.nvo3.testbed;

/** A condition polled by {@link Await} did not hold in time. */
public final class ConditionTimeoutException extends RuntimeException {
    ConditionTimeoutException(String message, Throwable lastFailure) {
        super(message, lastFailure);
    }
}
