package io.jlockdep.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method that signals the named map's events (completes a future, counts a latch down). Like
 * {@code dma_fence_signal}, it brackets itself as a signalling section: under the jlockdep agent the body
 * runs holding the map shared. Without the agent the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SignalPoint {
    /** The map (event class) signalled; by default the fence signalling map. */
    String value() default "fence-signalling";
}
