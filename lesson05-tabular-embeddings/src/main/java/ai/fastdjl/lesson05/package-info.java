/**
 * Lesson 5: entity embeddings for tabular data, against random forests, and the ML course's forest tools. One main
 * per technique.
 */
package ai.fastdjl.lesson05;
