/**
 * How demos print: the book's lines in the book's format ({@code PyFormat}) and what Java shows differently
 * ({@code Narrator}).
 *
 * <p>Floor: a shared block below the items; it may import the bottom floor and no item or tooling.
 */
package workbench.demo;
