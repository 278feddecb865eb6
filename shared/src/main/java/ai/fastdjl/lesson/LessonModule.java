package ai.fastdjl.lesson;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the Maven module that holds a lesson's package (on its {@code package-info.java}), so a run's report can say
 * the command that reproduces it: {@code mvn -q -pl MODULE -am package -DskipTests -Prun -Dmain=… -Dargs="…"}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface LessonModule {
    /** The module's folder, as {@code mvn -pl} takes it (e.g. {@code lesson01-transfer-learning}). */
    String value();
}
