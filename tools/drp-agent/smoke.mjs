// A DRP 1.0 authorised agent against a running suite (./suite up): signs like libsodium's crypto_sign (combined
// mode, via tweetnacl), registers its verify key through the officers' API, then walks key setup, agent information,
// exercise (with a status callback), status, a replay, and revoke, and waits for the status callbacks.
//
//   cd tools/drp-agent && npm ci && node smoke.mjs
//
// Env: SUITE_URL (http://127.0.0.1:8080), OFFICER_TOKEN (else taken from ../../suite token olivia),
//      DRP_BUSINESS_ID (PRIVACY_SUITE). Exit 0 when every step held.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import nacl from 'tweetnacl';

const base = process.env.SUITE_URL ?? 'http://127.0.0.1:8080';
const businessId = process.env.DRP_BUSINESS_ID ?? 'PRIVACY_SUITE';
const officer = process.env.OFFICER_TOKEN
  ?? execFileSync(new URL('../../suite', import.meta.url).pathname, ['token', 'olivia']).toString().trim();

const keys = nacl.sign.keyPair();
const agentId = 'SMOKE_' + randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase();
let failures = 0;

function check(what, ok, detail) {
  console.log(`${ok ? '✓' : '✗'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failures++;
}

function sign(claims) {
  const signed = nacl.sign(new TextEncoder().encode(JSON.stringify(claims)), keys.secretKey);
  return Buffer.from(signed).toString('base64');
}

function envelope(minutes = 15) {
  const now = new Date();
  return {
    'agent-id': agentId,
    'business-id': businessId,
    'issued-at': now.toISOString(),
    'expires-at': new Date(now.getTime() + minutes * 60_000).toISOString(),
    'drp.version': '1.0',
  };
}

async function call(method, path, { token, body, type } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (type) headers['Content-Type'] = type;
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: response.status, json, text };
}

// The agent's status callback endpoint, on this machine.
const callbacks = [];
const receiver = http.createServer((req, res) => {
  let data = '';
  req.on('data', (chunk) => { data += chunk; });
  req.on('end', () => {
    callbacks.push({ type: req.headers['content-type'], body: JSON.parse(data) });
    res.writeHead(200).end();
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const callbackUrl = `http://127.0.0.1:${receiver.address().port}/update_status`;

try {
  const verifyKey = Buffer.from(keys.publicKey).toString('base64');
  let r = await call('PUT', `/api/privacy-requests/agents/${agentId}`, {
    token: officer, type: 'application/json', body: JSON.stringify({ name: 'Smoke-test agent', verifyKey }) });
  check('officer registers the verify key', r.status === 200, `HTTP ${r.status}`);

  r = await call('POST', `/v1/agent/${agentId}`, { type: 'text/plain', body: sign(envelope()) });
  check('2.05 pair-wise key setup', r.status === 200 && r.json?.['agent-id'] === agentId && r.json?.token,
    `HTTP ${r.status}`);
  const token = r.json?.token;

  const tampered = Buffer.from(sign(envelope()), 'base64');
  tampered[tampered.length - 2] ^= 1;
  r = await call('POST', `/v1/agent/${agentId}`, { type: 'text/plain', body: tampered.toString('base64') });
  check('2.05 a tampered setup is a bare 403', r.status === 403 && r.text === '', `HTTP ${r.status}`);

  r = await call('GET', `/v1/agent/${agentId}`, { token });
  check('2.06 agent information', r.status === 200 && JSON.stringify(r.json) === '{}', `HTTP ${r.status} ${r.text}`);

  const exercise = sign({
    ...envelope(), 'agent-request-id': 'smoke-1', exercise: 'access', regime: 'ccpa', relationships: [],
    status_callback: callbackUrl, name: 'Sam Smoke', email: `smoke-${randomUUID().slice(0, 8)}@example.com`,
    email_verified: true,
  });
  r = await call('POST', '/v1/data-rights-request', { token, type: 'text/plain', body: exercise });
  const requestId = r.json?.request_id;
  check('2.01 exercise', r.status === 200 && requestId && r.json.status === 'in_progress' && r.json.expected_by
    && r.json.received_at && r.json.agent_request_id === 'smoke-1', `HTTP ${r.status} ${r.text}`);

  r = await call('POST', '/v1/data-rights-request', { token, type: 'text/plain', body: exercise });
  check('3.07 the same message again is the same request', r.status === 200 && r.json?.request_id === requestId,
    `HTTP ${r.status}`);

  const expired = sign({ ...envelope(), 'issued-at': new Date(Date.now() - 600_000).toISOString(),
    'expires-at': new Date(Date.now() - 60_000).toISOString(), exercise: 'access', email: 'x@example.com' });
  r = await call('POST', '/v1/data-rights-request', { token, type: 'text/plain', body: expired });
  check('3.07 an expired message is refused, fatal', r.status === 403 && r.json?.code === '403' && r.json?.fatal === true,
    `HTTP ${r.status} ${r.text}`);

  r = await call('GET', `/v1/data-rights-request/${requestId}`, { token });
  check('2.02 status', r.status === 200 && r.json?.status === 'in_progress', `HTTP ${r.status}`);

  r = await call('POST', `/api/privacy-requests/${requestId}/extend`, {
    token: officer, type: 'application/json', body: JSON.stringify({ reason: 'Smoke test extension' }) });
  check('officer extends the deadline', r.status === 200, `HTTP ${r.status}`);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !callbacks.some((c) => c.body.processing_details?.includes('Smoke test extension'))) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const pushed = callbacks.find((c) => c.body.processing_details?.includes('Smoke test extension'));
  check('2.03 the extension is pushed to the status callback', pushed?.body.request_id === requestId
    && pushed.type?.startsWith('application/json'), JSON.stringify(pushed?.body));

  r = await call('DELETE', `/v1/data-rights-request/${requestId}`, { token, body: sign({ reason: 'smoke test over' }) });
  check('2.04 revoke (sent without a Content-Type)', r.status === 200 && r.json?.status === 'revoked',
    `HTTP ${r.status} ${r.text}`);

  r = await call('DELETE', `/api/privacy-requests/agents/${agentId}`, { token: officer });
  check('officer removes the agent', r.status === 204, `HTTP ${r.status}`);
} finally {
  receiver.close();
}
console.log(failures === 0 ? 'DRP smoke test passed' : `DRP smoke test: ${failures} step(s) failed`);
process.exit(failures === 0 ? 0 : 1);
