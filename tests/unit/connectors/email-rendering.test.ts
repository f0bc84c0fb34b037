import { renderEmailHtml } from '../../../src/connectors/email/render-html';
import { fromAddressOf } from '../../../src/connectors/email/smtp-mailer';
import { fillPortalLink, withoutSendTimeFindings } from '../../../src/domain/send-time-placeholders';
import { lintDraft } from '../../../src/domain/review-lint';

describe('the HTML part of an email', () => {
  test('escapes markup typed into the draft, so it shows as text', () => {
    const html = renderEmailHtml('Hi <script>alert(1)</script> & "friends"');
    expect(html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
    expect(html).not.toContain('<script>');
  });

  test('keeps paragraphs and line breaks and makes links clickable without the trailing full stop', () => {
    const html = renderEmailHtml('Hello,\nsecond line\n\nYour portal: https://thread.io/portal/abc.');
    expect(html).toContain('<p>Hello,<br>\nsecond line</p>');
    expect(html).toContain(
      '<p>Your portal: <a href="https://thread.io/portal/abc">https://thread.io/portal/abc</a>.</p>',
    );
  });
});

test('the envelope address is taken from EMAIL_FROM with or without a display name', () => {
  expect(fromAddressOf('Thread <onboarding@vendor.io>')).toBe('onboarding@vendor.io');
  expect(fromAddressOf('onboarding@vendor.io')).toBe('onboarding@vendor.io');
});

describe('the portal link placeholder', () => {
  test('is filled literally, even with $ patterns in the URL', () => {
    expect(fillPortalLink('Go: {{ portal_link }} and {{portal_link}}', 'https://x.io/p/$&')).toBe(
      'Go: https://x.io/p/$& and https://x.io/p/$&',
    );
  });

  test('is not an unfilled finding when it will be filled at send time, while other placeholders still are', () => {
    const findings = lintDraft({
      type: 'email',
      subject: 'Hi {{contact.first_name}}',
      body: 'Acme: {{portal_link}}',
      companyName: 'Acme',
    });
    expect(findings.map((f) => f.excerpt)).toEqual(['{{contact.first_name}}', '{{portal_link}}']);
    expect(withoutSendTimeFindings(findings).map((f) => f.excerpt)).toEqual(['{{contact.first_name}}']);
  });
});
