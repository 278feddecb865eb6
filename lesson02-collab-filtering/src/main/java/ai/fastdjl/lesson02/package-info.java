/**
 * Lesson 2: collaborative filtering on MovieLens, a dot product with biases and a neural net, and what their
 * embeddings learned. One main per technique.
 */
@LessonModule("lesson02-collab-filtering")
package ai.fastdjl.lesson02;

import ai.fastdjl.lesson.LessonModule;
