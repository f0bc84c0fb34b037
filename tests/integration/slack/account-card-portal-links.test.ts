import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { addContact } from '../../../src/services/contacts/add-contact';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { hashPortalToken } from '../../../src/services/portal/portal-token';
import { resolvePortalToken } from '../../../src/services/portal/resolve-portal-token';
import { blockIds, findInput, textOf } from '../../support/block-kit';
import { header, useSmtpCapture, useSmtpMailer } from '../../support/smtp-capture';
import { buildPortalApp } from '../portal/portal-fixture';
import { CSM, PUBLIC_URL, useSlackHarness, type SeenMessage } from '../../support/slack-harness';

const smtp = useSmtpCapture();

const mail = useSmtpMailer(smtp);
const h = useSlackHarness({ mailer: () => mail.current });

/** What the CSM sees: the blocks' text, or the plain text of a reply without blocks. */
const shown = (m: SeenMessage) => (m.blocks ? textOf(m.blocks) : (m.text ?? ''));
const linkIn = (text: string) => /(http:\/\/thread\.test\/portal\/[A-Za-z0-9_-]+)/.exec(text)?.[1];

/** The captured message with quoted-printable soft breaks and escapes undone, so the link reads whole. */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Helios Health's card, in an organisation the operator has named Acme Cloud (`thread org set --name`). */
async function helios() {
  await h.seed();
  const account = await h.db.prisma.account.findFirstOrThrow({
    where: { name: 'Helios Health' },
    include: { contacts: true },
  });
  await updateSettings(h.ctx, {
    organizationId: account.organizationId,
    actor: 'cli',
    settings: { name: 'Acme Cloud' },
  });
  await h.command('account helios');
  const card = h.lastReply();
  h.forget();
  return { account, sam: account.contacts[0]!, card };
}

/** The CSM adds a second contact to the account, as the account card's contact modal does. */
async function addKen(accountId: string) {
  const csm = await h.actor(CSM);
  return addContact(h.ctx, {
    organizationId: csm.organizationId,
    actor: { userId: csm.userId },
    accountId,
    name: 'Ken Ito',
    email: 'ken.ito@helioshealth.co',
  });
}

function portal() {
  return buildPortalApp({ ctx: h.ctx, uploadDir: mkdtempSync(join(tmpdir(), 'thread-portal-')) }).app;
}

describe('Email portal link on the account card', () => {
  it('emails a fresh, working link to the only contact from the CSM, and says so ephemerally', async () => {
    const { account, sam, card } = await helios();
    await h.changeProfile({ id: CSM, name: 'Priya Shah', email: 'priya@vendor.test' });
    const csm = await h.db.prisma.user.findFirstOrThrow({ where: { slackUserId: CSM } });
    await h.press(card, 'Email portal link');
    const reply = h.lastReply();
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shown(reply)).toContain('Emailed a fresh portal link to *Sam Okafor* (sam.okafor@helioshealth.co)');
    expect(linkIn(shown(reply))).toBeUndefined(); // the link travels by email only

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(['sam.okafor@helioshealth.co']);
    expect(header(mail.raw, 'subject')).toBe('Your Acme Cloud onboarding portal');
    expect(header(mail.raw, 'from')).toContain('Priya Shah');
    expect(header(mail.raw, 'reply-to')).toContain('priya@vendor.test');
    const body = decoded(mail.raw);
    expect(body).toContain('Hi Sam,');
    expect(body).toContain('It works until 24 December 2026');
    expect(body).toContain('text/html');
    const url = linkIn(body)!;
    expect(body).toContain(`<a href="${url}">`);

    const rows = await h.db.prisma.portalAccess.findMany({ where: { accountId: account.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      contactId: sam.id,
      createdBy: csm.id,
      revokedAt: null,
      tokenHash: hashPortalToken(url.split('/portal/')[1]!),
    });
    await expect(resolvePortalToken(h.ctx, { token: url.split('/portal/')[1]! })).resolves.toMatchObject({
      contactId: sam.id,
    });
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: rows[0]!.id, reason: { startsWith: 'portal link emailed' } },
    });
    expect(audit).toMatchObject({ actor: csm.id, reason: 'portal link emailed to sam.okafor@helioshealth.co' });
    expect(audit.data).toMatchObject({
      emailedTo: 'sam.okafor@helioshealth.co',
      messageId: expect.stringContaining(rows[0]!.id),
    });
    expect(JSON.stringify(await h.db.prisma.auditEvent.findMany())).not.toContain(url.split('/portal/')[1]!);
  });

  it('with several contacts, asks whom to send it to and emails the one picked', async () => {
    const { account, card } = await helios();
    const ken = await addKen(account.id);
    await h.press(card, 'Email portal link');
    const view = h.lastOpened();
    const options = findInput(view, 'contact').element.options.map((o) => o.text);
    expect(options).toContainEqual(expect.stringContaining('Sam Okafor <sam.okafor@helioshealth.co> (primary)'));
    expect(options).toContainEqual(expect.stringContaining('Ken Ito <ken.ito@helioshealth.co>'));
    expect(await h.db.prisma.portalAccess.count()).toBe(0); // nothing until the CSM confirms

    const res = await h.submitView(view, { contact: ken.id });
    expect(res.status).toBe(200);
    const reply = h.lastReply();
    expect(reply.response_type).toBe('ephemeral');
    expect(shown(reply)).toContain('Emailed a fresh portal link to *Ken Ito*');
    expect(smtp.messages.map((m) => m.to)).toEqual([['ken.ito@helioshealth.co']]);
    const row = await h.db.prisma.portalAccess.findFirstOrThrow();
    expect(row.contactId).toBe(ken.id);
    expect(row.tokenHash).toBe(hashPortalToken(linkIn(decoded(smtp.messages[0]!.raw))!.split('/portal/')[1]!));
  });

  it('with email off, says nothing was emailed and shows a working link to copy instead', async () => {
    mail.turnOff();
    const { sam, card } = await helios();
    await h.press(card, 'Email portal link');
    const reply = h.lastReply();
    expect(reply.text).toContain('Not emailed: email is off (SMTP_URL and EMAIL_FROM are not set)');
    const url = linkIn(shown(reply))!;
    expect(url.startsWith(`${PUBLIC_URL}/portal/`)).toBe(true);
    expect(smtp.messages).toHaveLength(0);
    const row = await h.db.prisma.portalAccess.findFirstOrThrow();
    expect(row).toMatchObject({ contactId: sam.id, tokenHash: hashPortalToken(url.split('/portal/')[1]!) });
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: row.id, reason: { contains: 'not emailed' } },
    });
    expect(audit.data).toMatchObject({ emailedTo: null });
  });

  it('when the mail server refuses, says the email was not sent and leaves no live link behind', async () => {
    smtp.refuse = 'mailbox unavailable';
    const { card } = await helios();
    await h.press(card, 'Email portal link');
    const reply = h.lastReply();
    expect(reply.text).toContain('the portal link email to sam.okafor@helioshealth.co was not sent');
    const row = await h.db.prisma.portalAccess.findFirstOrThrow();
    expect(row.revokedAt).not.toBeNull();
  });

  it('is refused to someone who is not the account’s CSM: no link, no email, no modal', async () => {
    const { account, card } = await helios();
    await addKen(account.id);
    // A colleague who is a CSM, but not this account's.
    await h.addPerson('UOTHER01', 'csm');
    await h.press(card, 'Email portal link', { as: 'UOTHER01' });
    const reply = h.lastReply();
    expect(reply.text).toContain(
      "only the account's CSM or an admin can send portal links, and you are not the CSM of Helios Health",
    );
    expect(h.opened).toHaveLength(0);
    expect(await h.db.prisma.portalAccess.count()).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('Revoke portal links on the account card', () => {
  const mint = async (accountId: string, contactEmail?: string) => {
    const { organizationId } = await h.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    return createPortalLink(h.ctx, { organizationId, accountId, contactEmail, actor: 'cli', publicUrl: PUBLIC_URL });
  };

  it('confirms first, then revokes every live link; the old link shows the friendly "ask for a new link" page', async () => {
    const { account, card } = await helios();
    const first = await mint(account.id);
    await mint(account.id);
    const token = first.url.split('/portal/')[1]!;
    const app = portal();
    expect((await request(app).get(`/portal/${token}`)).status).toBe(200);

    await h.press(card, 'Revoke portal links');
    const view = h.lastOpened();
    expect(textOf(view)).toContain('Sam Okafor (sam.okafor@helioshealth.co): 2 active links');
    expect(blockIds(view)).not.toContain('contact'); // one holder: nothing to pick
    expect(await h.db.prisma.portalAccess.count({ where: { revokedAt: null } })).toBe(2);

    await h.submitView(view);
    const reply = h.lastReply();
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shown(reply)).toContain('Revoked 2 portal links of *Helios Health*');
    const rows = await h.db.prisma.portalAccess.findMany();
    expect(rows.every((r) => r.revokedAt?.getTime() === h.ctx.now().getTime())).toBe(true);
    const csm = await h.db.prisma.user.findFirstOrThrow({ where: { slackUserId: CSM } });
    const audit = await h.db.prisma.auditEvent.findMany({ where: { entityType: 'portal_access', toState: 'revoked' } });
    expect(audit.map((a) => a.entityId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(audit.every((a) => a.actor === csm.id && a.fromState === 'active')).toBe(true);

    const page = await request(app).get(`/portal/${token}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('This link is not working');
    expect(page.text).toContain('ask your customer success manager for a new link');
  });

  it('revokes only the chosen contact’s links when several contacts hold one', async () => {
    const { account, card } = await helios();
    const ken = await addKen(account.id);
    const samLink = await mint(account.id);
    await mint(account.id, ken.email);
    await h.press(card, 'Revoke portal links');
    const view = h.lastOpened();
    expect(findInput(view, 'contact').element.options.map((o) => o.text)).toContain('All contacts (2 active links)');
    await h.submitView(view, { contact: ken.id });
    expect(shown(h.lastReply())).toContain('Revoked 1 portal link for ken.ito@helioshealth.co on *Helios Health*');
    const live = await h.db.prisma.portalAccess.findMany({ where: { revokedAt: null } });
    expect(live.map((r) => r.id)).toEqual([samLink.portalAccessId]);
  });

  it('says there is nothing to revoke when no link is live, without a confirmation', async () => {
    const { card } = await helios();
    await h.press(card, 'Revoke portal links');
    expect(shown(h.lastReply())).toContain('No active portal link to revoke on *Helios Health*.');
    expect(h.opened).toHaveLength(0);
  });

  it('is refused to someone who is not the account’s CSM, at the button and at the confirmation', async () => {
    const { account, card } = await helios();
    await mint(account.id);
    // A colleague who is a CSM, but not this account's.
    await h.addPerson('UOTHER01', 'csm');
    await h.press(card, 'Revoke portal links', { as: 'UOTHER01' });
    expect(h.lastReply().text).toContain("only the account's CSM or an admin can revoke portal links");
    expect(h.opened).toHaveLength(0);

    await h.press(card, 'Revoke portal links');
    const view = h.lastOpened();
    const res = await h.submitView(view, {}, { as: 'UOTHER01' });
    expect(res.body.response_action).toBe('update');
    expect(textOf(res.body.view)).toContain('only the account');
    expect(await h.db.prisma.portalAccess.count({ where: { revokedAt: null } })).toBe(1);
  });
});
