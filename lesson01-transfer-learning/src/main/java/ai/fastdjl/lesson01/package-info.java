/**
 * Lesson 1: transfer learning and fine-tuning, from a ResNet trained from scratch with the LR finder and one-cycle
 * to pretrained bodies, augmentation, interpretation, pseudo-labelling, distillation and ensembles. One main per
 * technique.
 */
package ai.fastdjl.lesson01;
