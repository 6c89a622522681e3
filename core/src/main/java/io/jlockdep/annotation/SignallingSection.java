package io.jlockdep.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a method's body is code needed to complete the named map's events (the worker that
 * completes a future others wait for). Under the jlockdep agent the body runs holding the map shared
 * ({@code r}); sections nest. Any lock it takes while a waiter of the same map could hold that lock is
 * reported. Without the agent the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SignallingSection {
    /** The map (event class) this code completes; by default the fence signalling map. */
    String value() default "fence-signalling";
}
