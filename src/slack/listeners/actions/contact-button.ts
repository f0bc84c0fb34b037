/** The value of a contact's Edit and Remove buttons on the account card (blocks/account-card.ts), read back. */
import { AppError } from '../../../lib/errors';

export function readContactButton(value: string): { accountId: string; contactId: string } {
  const [accountId, contactId, ...rest] = value.split('|');
  if (!accountId || !contactId || rest.length) {
    throw new AppError('form_out_of_date', 'that card is out of date: show the account again with /thread account.');
  }
  return { accountId, contactId };
}
