/**
 * Lesson 3: ULMFiT, an AWD-LSTM language model on general English, fine-tuned on Amazon reviews, then a classifier
 * with gradual unfreezing. One main per technique.
 */
package ai.fastdjl.lesson03;
