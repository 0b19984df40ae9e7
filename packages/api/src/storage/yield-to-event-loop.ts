/**
 * Items the store converts in one synchronous stretch (rows read, items built for a write) before it lets
 * the event loop run: about 5-8 ms of CPU, so a 20,000-item import holds the loop for short stretches
 * instead of 100-160 ms at once.
 */
export const ITEMS_PER_STRETCH = 1000;

/**
 * Lets timers, I/O and other requests waiting behind a long synchronous stretch run. A zero-delay timer is
 * a macrotask turn on Node and on Cloudflare Workers alike (a resolved promise would only queue a microtask,
 * which runs before anything else gets a turn).
 *
 * @returns a promise settled on the next turn of the event loop
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * `items.map(convert)`, yielding to the event loop after every {@link ITEMS_PER_STRETCH} items.
 *
 * @param items - what to convert
 * @param convert - the conversion of one item (synchronous)
 * @returns the converted items, in order
 */
export async function mapInStretches<T, U>(
  items: readonly T[],
  convert: (item: T, index: number) => U,
): Promise<U[]> {
  const converted: U[] = new Array(items.length);
  for (let index = 0; index < items.length; index++) {
    if (index > 0 && index % ITEMS_PER_STRETCH === 0) await yieldToEventLoop();
    converted[index] = convert(items[index]!, index);
  }
  return converted;
}
