import { validateSiteSettings, type SiteSettings } from '$lib/domain';
import { describeAdminError, errorsByField, fieldErrorsOf } from './admin-errors';
import { focusFirstError } from './focus-first-error';

/**
 * How every site-settings form submits: the domain's own check first (the server's rules, answered
 * without a round trip), then the request. Refused either way, the errors land by field name and
 * the keyboard moves to the first invalid field.
 */
export class SettingsSubmission {
  errors = $state<Record<string, string>>({});
  failure = $state<string | null>(null);
  saving = $state(false);

  /**
   * Checks `settings` (every setting required unless `partial`) and hands the checked value to
   * `send`. Resolves to what `send` answered, or undefined when the settings were refused.
   */
  async submit<T>(options: {
    form: HTMLElement | undefined;
    settings: Record<string, unknown>;
    partial: boolean;
    send: (settings: Partial<SiteSettings>) => Promise<T>;
  }): Promise<T | undefined> {
    this.failure = null;
    const checked = validateSiteSettings(options.settings, { partial: options.partial });
    if (!checked.ok) {
      this.errors = errorsByField(checked.errors);
      await focusFirstError(options.form);
      return undefined;
    }
    this.errors = {};
    this.saving = true;
    try {
      return await options.send(checked.value);
    } catch (refusal) {
      this.errors = fieldErrorsOf(refusal);
      this.failure = describeAdminError(refusal);
      await focusFirstError(options.form);
      return undefined;
    } finally {
      this.saving = false;
    }
  }
}
