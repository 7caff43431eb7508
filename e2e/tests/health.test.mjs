// The health endpoint used by run.sh and operators.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { url } from '../lib.mjs';

test('/healthz answers 200 ok', async () => {
  const response = await fetch(url('/healthz'));
  assert.equal(response.status, 200);
  assert.equal((await response.text()).trim(), 'ok');
});
