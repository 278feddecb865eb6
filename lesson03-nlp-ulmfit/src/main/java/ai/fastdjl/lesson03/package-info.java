/**
 * Lesson 3: ULMFiT, an AWD-LSTM language model on general English, fine-tuned on Amazon reviews, then a classifier
 * with gradual unfreezing. One main per technique.
 */
@LessonModule("lesson03-nlp-ulmfit")
package ai.fastdjl.lesson03;

import ai.fastdjl.lesson.LessonModule;
