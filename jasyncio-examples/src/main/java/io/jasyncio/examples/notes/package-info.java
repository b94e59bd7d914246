/** Programs from the notes on asyncio (seed 003): the periodic job and the "Mayhem" service. */
package io.jasyncio.examples.notes;
