package com.acme.platform.eks.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A config key's one declaration, source of Pulumi.yaml and docs/configuration.md. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Key {
    /** Un-namespaced names belong to the project namespace. */
    String value();

    String doc() default "";

    /** The default as YAML text ([a, b] for lists); ${key}, ${project} and ${stack} make a computed one. */
    String dflt() default "";

    /** The reference table's default column when it is not the default itself; "(required)" makes the key required. */
    String shown() default "";

    /** The message when a required key is missing, if not "is required: " + doc; it makes the key required. */
    String req() default "";

    ConfigKey.Scope scope() default ConfigKey.Scope.PLATFORM;

    /** Bounds of a number or list size; why completes "must be between min and max", or replaces it if capitalised. */
    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;

    String why() default "";

    /** What a string, or each item of a list, must match; msg says what is allowed. */
    String regex() default "";

    String msg() default "";

    Formats format() default Formats.NONE;
}
