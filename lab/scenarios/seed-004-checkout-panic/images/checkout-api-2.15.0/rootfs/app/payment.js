/* eslint-disable -- a lab scenario's program: plain Node.js (CommonJS), not crashlens source */
'use strict';
const log = require('./log');

class StripeClient {
  constructor(token) {
    this.token = token;
  }

  charge(order) {
    return { id: `ch_${order.id}`, amount: order.totalCents, status: 'succeeded' };
  }
}

/**
 * v2.15.0: the client is built from the cached API token. When the cache is unavailable the
 * new code path leaves it unset (the fallback to the configured key was dropped).
 */
function newPaymentClient(cache) {
  if (cache) return new StripeClient(cache.token());
  log('WARN', 'payment client not initialised: no cached token');
  return null;
}

class PaymentService {
  constructor(client) {
    this.client = client;
  }

  process(order) {
    const charge = this.client.charge(order);
    log('INFO', `order ${order.id} charged ${charge.amount} cents`);
    return charge;
  }
}

module.exports = { PaymentService, newPaymentClient };
