import { Signature } from '@hubspot/api-client';
import fc from 'fast-check';
import {
  MAX_TIMESTAMP_SKEW_MS,
  signedUri,
  verifyHubSpotSignatureV3,
} from '../../../src/http/webhooks/hubspot-signature';
import { signV3 } from '../../support/hubspot-webhook';

const SECRET = 'app-client-secret';
const NOW = Date.now();

describe('HubSpot signature v3', () => {
  it('agrees with the SDK’s Signature.isValid (the oracle) on what it accepts and refuses', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.webPath(),
        fc.integer({ min: 0, max: MAX_TIMESTAMP_SKEW_MS - 1000 }),
        fc.boolean(),
        (body, path, age, forge) => {
          const uri = `https://thread.example.org${path}`;
          const timestamp = String(NOW - age);
          const good = signV3({ clientSecret: SECRET, method: 'POST', uri, body, timestamp });
          const signature = forge ? signV3({ clientSecret: 'another', method: 'POST', uri, body, timestamp }) : good;
          const oracle = Signature.isValid({
            signatureVersion: 'v3',
            method: 'POST',
            clientSecret: SECRET,
            requestBody: body,
            url: uri,
            timestamp: Number(timestamp),
            signature,
          });
          const ours = verifyHubSpotSignatureV3({
            clientSecret: SECRET,
            method: 'POST',
            uri,
            rawBody: body,
            timestamp,
            signature,
            now: NOW,
          });
          expect(ours.ok).toBe(oracle);
          expect(ours.ok).toBe(!forge);
        },
      ),
    );
  });

  it('refuses a body changed by one character, a missing header, and a timestamp more than five minutes old', () => {
    const uri = 'https://thread.example.org/webhooks/hubspot';
    const body = '[{"eventId":1}]';
    const timestamp = String(NOW);
    const signature = signV3({ clientSecret: SECRET, method: 'POST', uri, body, timestamp });
    const check = (over: Partial<Parameters<typeof verifyHubSpotSignatureV3>[0]>) =>
      verifyHubSpotSignatureV3({
        clientSecret: SECRET,
        method: 'POST',
        uri,
        rawBody: body,
        timestamp,
        signature,
        now: NOW,
        ...over,
      });
    expect(check({})).toEqual({ ok: true });
    expect(check({ rawBody: '[{"eventId":2}]' })).toEqual({ ok: false, reason: 'the signature does not match' });
    expect(check({ signature: undefined }).ok).toBe(false);
    expect(check({ signature: signature.slice(1) }).ok).toBe(false);
    const stale = String(NOW - MAX_TIMESTAMP_SKEW_MS - 1);
    const staleSigned = signV3({ clientSecret: SECRET, method: 'POST', uri, body, timestamp: stale });
    expect(check({ timestamp: stale, signature: staleSigned })).toEqual({
      ok: false,
      reason: 'the timestamp is more than five minutes away (a replay, or a clock far off)',
    });
    expect(check({ timestamp: 'yesterday' }).ok).toBe(false);
  });

  it('rebuilds the URI HubSpot called from PUBLIC_URL, with the characters HubSpot decodes decoded', () => {
    expect(signedUri('https://thread.example.org/', '/webhooks/hubspot?x=a%3Ab%2Cc%20d')).toBe(
      'https://thread.example.org/webhooks/hubspot?x=a:b,c%20d',
    );
  });
});
