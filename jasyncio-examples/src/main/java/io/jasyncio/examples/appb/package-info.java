/**
 * The programs of appendix B of the book, "Supplementary Material": the cutlery case study done with
 * tasks and queues on one loop (Ex. B-1), which cannot lose an update.
 */
package io.jasyncio.examples.appb;
