import { linkPreviewPage } from '../../../src/http/portal/pages/link-preview-page';

const HOSTILE = '"><script>alert(1)</script> <!channel> & Co';

describe('linkPreviewPage', () => {
  it("escapes the organisation's name everywhere it goes, the unfurl tags included", () => {
    const page = linkPreviewPage({
      base: '/portal',
      nonce: 'n',
      kind: 'portal',
      organization: { name: HOSTILE, logoUrl: null, brandColor: '#0e7c66' },
    }).value;
    expect(page).not.toContain('<script>');
    expect(page).toContain('<title>Your onboarding portal · &quot;&gt;&lt;script&gt;');
    expect(page).toContain(
      '<meta property="og:site_name" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt; &amp; Co">',
    );
  });

  it("offers the organisation's logo to the unfurl only over https", () => {
    const page = (logoUrl: string) =>
      linkPreviewPage({
        base: '/portal',
        nonce: 'n',
        kind: 'handoff',
        organization: { name: 'Acme Cloud', logoUrl, brandColor: '#0e7c66' },
      }).value;
    expect(page('https://cdn.acme.example/logo.png')).toContain(
      '<meta property="og:image" content="https://cdn.acme.example/logo.png">',
    );
    expect(page('http://cdn.acme.example/logo.png')).not.toContain('og:image');
  });

  it('names nobody for a link it did not look up', () => {
    const page = linkPreviewPage({ base: '/portal', nonce: 'n', kind: 'portal' }).value;
    expect(page).toContain('<meta property="og:site_name" content="Thread">');
    expect(page).toContain('A private link to an onboarding plan.');
    expect(page).not.toContain('brand__logo');
  });
});
