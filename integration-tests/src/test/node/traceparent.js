// Run by TracingTest: a Node.js client (amqplib) publishes an order with a W3C traceparent header, as any
// OpenTelemetry-instrumented client would. Usage: node traceparent.js <amqp-url> <orders-exchange> <id> <traceparent>
'use strict';
const amqp = require('amqplib');

const [url, ordersExchange, id, traceparent] = process.argv.slice(2);

async function main() {
  const connection = await amqp.connect(url);
  const channel = await connection.createConfirmChannel();
  const order = { id, customer: 'node', lines: [{ sku: 'pen', quantity: 2, unitPrice: 1.5 }] };
  channel.publish(ordersExchange, 'new', Buffer.from(JSON.stringify(order)), {
    contentType: 'application/json', messageId: 'node-' + id, headers: { traceparent },
  });
  await channel.waitForConfirms();
  await connection.close();
  console.log('TRACE published');
}

main().catch((e) => {
  console.log('TRACE FAIL ' + (e.stack || String(e)));
  process.exit(1);
});
