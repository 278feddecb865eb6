/**
 * Lesson 5: entity embeddings for tabular data, against random forests, and the ML course's forest tools. One main
 * per technique.
 */
@LessonModule("lesson05-tabular-embeddings")
package ai.fastdjl.lesson05;

import ai.fastdjl.lesson.LessonModule;
