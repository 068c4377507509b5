import { test } from '@playwright/test';

/**
 * Sets this attempt's records apart from those of earlier attempts of the same test. Every test
 * shares one server, so a retry (or `--repeat-each`) would otherwise find the records its earlier
 * attempt left there and see two where it expects one. A first attempt's text reads as written.
 */
export function ofThisAttempt(text: string): string {
  const { retry, repeatEachIndex } = test.info();
  return retry === 0 && repeatEachIndex === 0 ? text : `${text} [${repeatEachIndex}.${retry}]`;
}
