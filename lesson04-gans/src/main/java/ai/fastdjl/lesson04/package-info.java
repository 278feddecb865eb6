/**
 * Lesson 4: generative models, a DCGAN and a WGAN scored by Fréchet distance, and neural style transfer. One main
 * per technique.
 */
package ai.fastdjl.lesson04;
