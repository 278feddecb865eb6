/**
 * Lesson 2: collaborative filtering on MovieLens, a dot product with biases and a neural net, and what their
 * embeddings learned. One main per technique.
 */
package ai.fastdjl.lesson02;
