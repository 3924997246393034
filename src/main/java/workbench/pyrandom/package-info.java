/**
 * CPython's Mersenne Twister ({@code random.Random}), bit for bit, so that Item 61's guessing game makes the book's
 * exact guesses.
 *
 * <p>Floor: a shared block below the items; it may import the bottom floor and nothing else of the workbench.
 */
package workbench.pyrandom;
