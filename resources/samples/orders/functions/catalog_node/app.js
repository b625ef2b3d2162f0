'use strict';
// Product catalog of the Gatewright "orders" sample (Node.js, core modules only).
//
// exports.handler serves GET /products and GET /products/{proxy+} (payload format 2.0).
// exports.health serves GET /health and returns a bare object without statusCode: with
// payload 2.0, API Gateway then infers a 200 response with content-type
// application/json and the JSON-encoded value as the body.
//
// Module-level state (the invocation counter below) survives between invocations while
// the process is warm, as on AWS Lambda, and is reset by a cold start.

const CURRENCY = process.env.CURRENCY || 'USD';

// Prices in cents; orders_py/app.py keeps the same price list for its totals.
const PRODUCTS = [
  { sku: 'kb-01', name: 'Mechanical keyboard', category: 'peripherals', priceCents: 8900, stock: 12 },
  { sku: 'ms-02', name: 'Wireless mouse', category: 'peripherals', priceCents: 2950, stock: 40 },
  { sku: 'mn-27', name: '27-inch monitor', category: 'displays', priceCents: 24900, stock: 5 },
  { sku: 'cb-usb', name: 'USB-C cable, 2 m', category: 'accessories', priceCents: 999, stock: 200 },
  { sku: 'st-lap', name: 'Laptop stand', category: 'accessories', priceCents: 3400, stock: 0 },
];

const startedAt = new Date();
let invocations = 0;

function json(statusCode, payload, headers = {}) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
    isBase64Encoded: false,
  };
}

function notFound(message) {
  return json(404, { message });
}

function present(product) {
  return { ...product, currency: CURRENCY, inStock: product.stock > 0 };
}

// GET /products?category=accessories&q=cable&inStock=true
// Payload 2.0: queryStringParameters is absent without a query string; repeated
// parameters arrive comma-joined ("a,b").
function listProducts(event) {
  const query = event.queryStringParameters || {};
  let items = PRODUCTS;
  if (query.category) {
    const wanted = query.category.split(',').map((c) => c.trim().toLowerCase());
    items = items.filter((p) => wanted.includes(p.category));
  }
  if (query.q) {
    const needle = query.q.toLowerCase();
    items = items.filter((p) => p.name.toLowerCase().includes(needle) || p.sku.includes(needle));
  }
  if (query.inStock === 'true') {
    items = items.filter((p) => p.stock > 0);
  }
  return json(200, { products: items.map(present), count: items.length }, { 'cache-control': 'max-age=60' });
}

// GET /products/{proxy+}: "kb-01" -> the product, "kb-01/stock" -> its stock level.
function productByPath(event) {
  const proxy = (event.pathParameters && event.pathParameters.proxy) || '';
  const [sku, detail, ...rest] = proxy.split('/').filter((part) => part !== '');
  const product = PRODUCTS.find((p) => p.sku === sku);
  if (!product) {
    return notFound(`Product ${sku || '(none)'} not found`);
  }
  if (detail === undefined) {
    return json(200, present(product));
  }
  if (detail === 'stock' && rest.length === 0) {
    return json(200, { sku: product.sku, stock: product.stock, inStock: product.stock > 0 });
  }
  return notFound(`No such product resource: /products/${proxy}`);
}

const ROUTES = {
  'GET /products': listProducts,
  'GET /products/{proxy+}': productByPath,
};

exports.handler = async (event) => {
  invocations += 1;
  const route = ROUTES[event.routeKey];
  if (!route) {
    return notFound(`No handler for route ${JSON.stringify(event.routeKey)}`);
  }
  return route(event);
};

// No statusCode: payload format 2.0 turns this value into a 200 JSON response.
exports.health = async (event) => {
  invocations += 1;
  return {
    status: 'ok',
    service: 'catalog',
    products: PRODUCTS.length,
    warmInvocations: invocations,
    processStartedAt: startedAt.toISOString(),
    requestId: (event.requestContext && event.requestContext.requestId) || null,
  };
};
