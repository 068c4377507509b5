import { tick } from 'svelte';

/** After a refused submit, puts the keyboard on the first field marked invalid, so the person starts there. */
export async function focusFirstError(form: HTMLElement | undefined): Promise<void> {
  await tick();
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
