/**
 * The programs of chapter 2 of the book, "The Truth About Threads": the cutlery race of the case study
 * "Robots and Cutlery" (Ex. 2-2, 2-3), run on preemptive threads to show the lost updates that
 * asyncio's single thread rules out.
 */
package io.jasyncio.examples.ch2;
