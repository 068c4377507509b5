import { fieldMessages, isEmailAddress } from '$lib/domain';
import { describeAdminError, fieldErrorsOf } from './admin-errors';

/**
 * How the forms that take one email address (an invitation, an administrator grant) submit: the
 * address is checked here first, then sent. A refusal that names the address is shown beside the
 * field, with the keyboard on it; any other refusal is the form's own message.
 */
export class EmailSubmission {
  emailError = $state<string | null>(null);
  failure = $state<string | null>(null);
  sending = $state(false);

  /** Resolves to what `send` answered, or undefined when the address or the request was refused. */
  async submit<T>(options: {
    email: string;
    input: HTMLInputElement | undefined;
    send: (email: string) => Promise<T>;
  }): Promise<T | undefined> {
    const address = options.email.trim();
    this.failure = null;
    this.emailError = isEmailAddress(address) ? null : fieldMessages.notEmail('Email');
    if (this.emailError) {
      options.input?.focus();
      return undefined;
    }
    this.sending = true;
    try {
      return await options.send(address);
    } catch (refusal) {
      this.emailError = fieldErrorsOf(refusal).email ?? null;
      this.failure = this.emailError ? null : describeAdminError(refusal);
      if (this.emailError) options.input?.focus();
      return undefined;
    } finally {
      this.sending = false;
    }
  }
}
