// Interoperability check run by InteropTest: a Node.js client (amqplib) talks to the Warren app.
// Usage: node interop.js <amqp-url> <quotes-exchange> <orders-exchange> <priced-exchange>
'use strict';
const amqp = require('amqplib');

const [url, quotesExchange, ordersExchange, pricedExchange] = process.argv.slice(2);

function fail(why) {
  console.log('INTEROP FAIL ' + why);
  process.exit(1);
}

function check(condition, why) {
  if (!condition) {
    fail(why);
  }
}

async function rpc(channel, pending, request, correlationId) {
  const reply = new Promise((resolve) => pending.set(correlationId, resolve));
  channel.publish(quotesExchange, 'quote', Buffer.from(JSON.stringify(request)), {
    contentType: 'application/json', correlationId, replyTo: 'amq.rabbitmq.reply-to',
  });
  return reply;
}

async function main() {
  const timer = setTimeout(() => fail('timed out'), 20000);
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();

  // 1. JSON requests to Warren's RPC server, through direct reply-to.
  const pending = new Map();
  await channel.consume('amq.rabbitmq.reply-to', (msg) => {
    const resolve = pending.get(msg.properties.correlationId);
    if (resolve) {
      pending.delete(msg.properties.correlationId);
      resolve(msg);
    }
  }, { noAck: true });
  const ok = await rpc(channel, pending, { sku: 'lamp', quantity: 2 }, 'node-1');
  check(ok.properties.correlationId === 'node-1', 'correlation id not echoed');
  check(ok.properties.contentType === 'application/json', 'reply content type ' + ok.properties.contentType);
  const quote = JSON.parse(ok.content.toString());
  check(quote.price === 80 && quote.sku === 'lamp', 'wrong quote ' + ok.content.toString());
  console.log('INTEROP rpc reply ' + ok.content.toString());

  const bad = await rpc(channel, pending, { sku: 'unicorn', quantity: 1 }, 'node-2');
  const headers = bad.properties.headers || {};
  check(String(headers['x-warren-error']).includes('unknown product unicorn'), 'no error header');
  check(headers['x-warren-error-type'] === 'java.lang.IllegalArgumentException', 'error type ' + headers['x-warren-error-type']);
  console.log('INTEROP rpc error ' + headers['x-warren-error']);

  // 2. Publish what Warren consumes, and consume what Warren publishes.
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, pricedExchange, '#');
  const priced = new Promise((resolve) => {
    channel.consume(queue, (msg) => {
      const body = JSON.parse(msg.content.toString());
      if (body.id === 'node-order') {
        resolve(msg);
      }
      channel.ack(msg);
    });
  });
  const order = { id: 'node-order', customer: 'node', lines: [{ sku: 'pen', quantity: 4, unitPrice: 1.25 }] };
  channel.publish(ordersExchange, 'new', Buffer.from(JSON.stringify(order)), {
    contentType: 'application/json', messageId: 'node-msg-1', headers: { 'x-origin': 'node' },
  });
  const msg = await priced;
  const body = JSON.parse(msg.content.toString());
  check(body.total === 5, 'wrong total ' + msg.content.toString());
  check(msg.properties.contentType === 'application/json', 'content type ' + msg.properties.contentType);
  check(msg.properties.deliveryMode === 2, 'not persistent');
  check(typeof msg.properties.messageId === 'string' && msg.properties.messageId.length > 0, 'no message id');
  check(typeof msg.properties.timestamp === 'number', 'no timestamp');
  console.log('INTEROP consumed ' + msg.content.toString());

  clearTimeout(timer);
  await channel.close();
  await connection.close();
  console.log('INTEROP OK');
}

main().catch((e) => fail(e.stack || String(e)));
