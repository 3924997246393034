package workbench.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field or method may only be touched while holding the named lock: {@code "this"}, a field name such as
 * {@code "lock"}, or {@code "the GIL"} for state the GIL model protects (JCIP's annotation).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface GuardedBy {

    String value();
}
