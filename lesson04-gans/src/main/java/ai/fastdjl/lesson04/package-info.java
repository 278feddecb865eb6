/**
 * Lesson 4: generative models, a DCGAN and a WGAN scored by Fréchet distance, and neural style transfer. One main
 * per technique.
 */
@LessonModule("lesson04-gans")
package ai.fastdjl.lesson04;

import ai.fastdjl.lesson.LessonModule;
