import assert from 'node:assert/strict';
import { defaultPartnerApiBaseUrl, partnerApiBaseUrlFromEnvironment } from '../../services/partnerCenter/priceSheetSettings';

describe('services price sheet settings (PARTNER_PRICES_BASE_URL)', () => {
  it('defaults to api.partner.microsoft.com against production Partner Center, else to the Partner Center root (the sandbox)', () => {
    assert.equal(defaultPartnerApiBaseUrl('https://api.partnercenter.microsoft.com'), 'https://api.partner.microsoft.com');
    assert.equal(defaultPartnerApiBaseUrl('https://API.partnercenter.microsoft.com/'), 'https://api.partner.microsoft.com');
    assert.equal(defaultPartnerApiBaseUrl('http://127.0.0.1:3979/'), 'http://127.0.0.1:3979');
    assert.deepEqual(partnerApiBaseUrlFromEnvironment({}, 'local', 'http://127.0.0.1:3979'), { url: 'http://127.0.0.1:3979', problem: null });
    assert.deepEqual(partnerApiBaseUrlFromEnvironment({ PARTNER_PRICES_BASE_URL: ' ' }, 'production', 'https://api.partnercenter.microsoft.com'),
      { url: 'https://api.partner.microsoft.com', problem: null });
  });

  it('takes the setting when valid, and says what is wrong in one line otherwise', () => {
    assert.equal(partnerApiBaseUrlFromEnvironment({ PARTNER_PRICES_BASE_URL: 'https://prices.example.com/' }, 'production', 'https://api.partnercenter.microsoft.com').url,
      'https://prices.example.com');
    assert.equal(partnerApiBaseUrlFromEnvironment({ PARTNER_PRICES_BASE_URL: 'http://127.0.0.1:4000' }, 'local', 'http://127.0.0.1:3979').url, 'http://127.0.0.1:4000');
    const http = partnerApiBaseUrlFromEnvironment({ PARTNER_PRICES_BASE_URL: 'http://prices.example.com' }, 'production', 'https://api.partnercenter.microsoft.com');
    assert.match(http.problem ?? '', /^PARTNER_PRICES_BASE_URL: use an https URL/);
    assert.match(partnerApiBaseUrlFromEnvironment({ PARTNER_PRICES_BASE_URL: 'prices' }, 'local', 'x').problem ?? '', /^PARTNER_PRICES_BASE_URL: not an http\(s\) URL/);
    assert.match(partnerApiBaseUrlFromEnvironment({ PARTNER_PRICES_BASE_URL: 'https://u:p@h.example' }, 'local', 'x').problem ?? '', /user name and password/);
  });
});
