/** A lesson package for {@code LessonRunTest}: its module is named here, as every lesson's is. */
@LessonModule("lesson99-sample")
package ai.fastdjl.lesson.sample;

import ai.fastdjl.lesson.LessonModule;
