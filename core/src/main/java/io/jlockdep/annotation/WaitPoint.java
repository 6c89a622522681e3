package io.jlockdep.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method as a wait point under the jlockdep agent: calling it may block until the code of the
 * named map's signalling sections has run (a {@code CompletableFuture.join()} on a result a worker
 * completes, a latch await). On entry the agent probes the map exclusively, so holding a lock that a
 * signalling section of the same map takes is reported as a potential deadlock. Without the agent the
 * annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WaitPoint {
    /** The map (event class) waited for; by default the fence signalling map. */
    String value() default "fence-signalling";
}
