package com.acme.platform.eks.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one declaration of a config key, on the record component it fills: the loader binds by it, Pulumi.yaml and
 * the configuration reference (docs/configuration.md) are generated from it (ConfigReferenceTest). Constraints left
 * at their defaults do not apply; an enum component allows its config values.
 */
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

    /** Bounds of a number, or of a list's size; why is appended to "must be between min and max", or the whole
     *  message when it starts with a letter. */
    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;

    String why() default "";

    /** What a string, or each item of a list, must match; msg says what is allowed. */
    String regex() default "";

    String msg() default "";

    Formats format() default Formats.NONE;
}
