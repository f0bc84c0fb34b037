import type { ViewStateValue } from '@slack/bolt';
import type { View } from '@slack/types';
import type { FormField } from '../../../src/domain/template';
import { validateFormSubmission } from '../../../src/domain/portal-form';
import {
  answerBlockId,
  buildAnswerFormModal,
  buildAnswerThanksModal,
  buildCustomerChannelRequest,
  buildOpenPortalReply,
  buildVendorSideRefusal,
  buildVendorSideRefusalModal,
} from '../../../src/slack/blocks/customer-channel';
import { readAnswerValues } from '../../../src/slack/listeners/views/answer-form-values';
import { buttons, textOf } from '../../support/block-kit';
import { escapingProblems, HOSTILE_TOKENS, limitProblems, viewProblems } from './block-kit-limits';

const EVIL = '<!channel> <@UEVIL> <https://evil.example|your bank> <script>alert(1)</script> & 🎉';
const long = (n: number) => `${EVIL} `.repeat(Math.ceil(n / EVIL.length)).slice(0, n);

function expectMessageOk(message: { text: string; blocks: object[] }) {
  expect(limitProblems(message.blocks, 50)).toEqual([]);
  expect(escapingProblems(message.blocks)).toEqual([]);
  expect(message.text.length).toBeGreaterThan(0);
  // The text is the notification Slack shows (and parses for mentions), so it is escaped like the blocks.
  for (const token of HOSTILE_TOKENS) expect(message.text).not.toContain(token);
}

function expectViewOk(view: View) {
  expect(viewProblems(view)).toEqual([]);
  expect(escapingProblems(view.blocks)).toEqual([]);
}

const request = (kind: 'form' | 'document') => ({
  actionId: 'act_1',
  accountId: 'acc_1',
  channel: 'CSHARED01',
  kind,
  title: long(600),
  purpose: long(5000),
  organizationName: long(400),
  csmName: long(300),
});

const everyKind = (text: string, options: string[]): FormField[] => [
  { key: 'goal', label: text, kind: 'long_text', required: true, help: text },
  { key: 'owner', label: text, kind: 'email', required: true },
  { key: 'site', label: text, kind: 'url', required: false },
  { key: 'users', label: text, kind: 'number', required: false },
  { key: 'live', label: text, kind: 'date', required: true },
  { key: 'agree', label: text, kind: 'checkbox', required: true },
  { key: 'idp', label: text, kind: 'select', required: true, options },
  { key: 'note', label: text, kind: 'text', required: false },
];

const form = (fields: FormField[]) => ({
  kind: 'form' as const,
  actionId: 'act_1',
  title: long(600),
  purpose: long(5000),
  accountName: long(400),
  fields,
});

describe('portal requests in the shared channel, under Block Kit limits with hostile text', () => {
  it('posts a form with Answer here and a document with Open the portal, escaped and within limits', () => {
    const formPost = buildCustomerChannelRequest(request('form'));
    expectMessageOk(formPost);
    expect(buttons(formPost.blocks).map((b) => [b.label, b.actionId, b.value])).toEqual([
      ['Answer here', 'customer_answer_here', 'act_1'],
    ]);
    const documentPost = buildCustomerChannelRequest(request('document'));
    expectMessageOk(documentPost);
    expect(buttons(documentPost.blocks).map((b) => b.label)).toEqual(['Open the portal']);
    expect(textOf(documentPost.blocks)).toContain('Uploads are made in your onboarding portal');
    // A template without a purpose and an account without a CSM still make a post.
    expectMessageOk(buildCustomerChannelRequest({ ...request('form'), purpose: '  ', csmName: null }));
  });

  it('builds the form modal with one input per field, required where the portal requires it', () => {
    const options = [long(500), ...Array.from({ length: 140 }, (_, i) => `${long(200)} ${i}`)];
    const view = buildAnswerFormModal(form(everyKind(long(5000), options)), 'CSHARED01');
    expectViewOk(view);
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => (b as { block_id?: string }).block_id)).toEqual(
      Array.from({ length: 8 }, (_, i) => answerBlockId(i)),
    );
    expect(inputs.map((b) => (b as { optional?: boolean }).optional)).toEqual([
      false,
      false,
      true,
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(JSON.parse(view.private_metadata!)).toEqual({
      actionId: 'act_1',
      channel: 'CSHARED01',
      keys: ['goal', 'owner', 'site', 'users', 'live', 'agree', 'idp', 'note'],
    });
    // Labels are plain text (never parsed); the introduction is mrkdwn, so the customer's title shows as typed.
    expect(textOf(view.blocks[0])).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;');
  });

  it('reads the modal back as the portal would receive it, a long option by its own full text', () => {
    const longOption = `Microsoft Entra ID ${'x'.repeat(200)}`;
    const fields = everyKind('Question', ['Okta', longOption]);
    const view = buildAnswerFormModal(form(fields), 'CSHARED01');
    const select = view.blocks.find((b) => (b as { block_id?: string }).block_id === answerBlockId(6)) as unknown as {
      element: { options: { value: string }[] };
    };
    const state = (actionId: string, entry: ViewStateValue) => ({ [actionId]: entry });
    const values = readAnswerValues(fields, {
      state: {
        values: {
          [answerBlockId(0)]: state(answerBlockId(0), { type: 'plain_text_input', value: 'Go live' }),
          [answerBlockId(1)]: state(answerBlockId(1), { type: 'plain_text_input', value: 'Sam@Example.com' }),
          [answerBlockId(4)]: state(answerBlockId(4), { type: 'datepicker', selected_date: '2027-02-01' }),
          [answerBlockId(5)]: state(answerBlockId(5), {
            type: 'checkboxes',
            selected_options: [{ text: { type: 'plain_text', text: 'Yes' }, value: 'on' }],
          }),
          [answerBlockId(6)]: state(answerBlockId(6), {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'Entra' }, value: select.element.options[1]!.value },
          }),
        },
      },
    });
    expect(validateFormSubmission(fields, values)).toEqual({
      ok: true,
      values: {
        goal: 'Go live',
        owner: 'sam@example.com',
        site: null,
        users: null,
        live: '2027-02-01',
        agree: true,
        idp: longOption,
        note: null,
      },
    });
  });

  it('sends a form longer than a modal holds to the portal instead', () => {
    const fields: FormField[] = Array.from({ length: 120 }, (_, i) => ({
      key: `q${i}`,
      label: long(3000),
      kind: 'text',
      required: true,
    }));
    const view = buildAnswerFormModal(form(fields), 'CSHARED01');
    expectViewOk(view);
    expect(view.callback_id).toBeUndefined();
    expect(view.submit).toBeUndefined();
    expect(textOf(view)).toContain('please answer it in your onboarding portal');
  });

  it('refuses the vendor side politely, thanks the customer, and hands out a link only as a link', () => {
    const refused = { accountName: long(400), organizationName: long(400) };
    expectMessageOk(buildVendorSideRefusal(refused));
    expectViewOk(buildVendorSideRefusalModal(refused));
    expectViewOk(buildAnswerThanksModal(long(600)));
    const at = new Date('2026-12-24T10:00:00Z');
    const reply = buildOpenPortalReply({
      kind: 'link',
      url: 'https://thread.test/portal/tok|en>x/requests/act_1',
      expiresAt: at,
      title: long(600),
    });
    expectMessageOk(reply);
    expect(textOf(reply.blocks)).toContain('<https://thread.test/portal/tok%7Cen%3Ex/requests/act_1|');
    expectMessageOk(buildOpenPortalReply({ kind: 'no_contact', title: long(600), accountName: long(400) }));
  });
});
