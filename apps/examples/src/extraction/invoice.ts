// A realistic extraction: an invoice email into a nested, validated model,
// with dates turned into Date objects and totals checked against the lines.
// Run: bash scripts/example.sh invoice
import { createInstructor, Mode, structuredChatWithMetadata } from "@cortex-ml/core";
import * as v from "valibot";
import { exampleModel, reportError } from "../settings.js";

const LineItem = v.object({
  description: v.pipe(v.string(), v.minLength(1)),
  quantity: v.pipe(v.number(), v.integer(), v.minValue(1)),
  unitPrice: v.pipe(v.number(), v.minValue(0), v.description("Price of one unit, in the invoice currency")),
});

const Invoice = v.pipe(
  v.object({
    invoiceNumber: v.pipe(v.string(), v.description("As printed, e.g. INV-2024-0042")),
    issuedOn: v.pipe(v.string(), v.isoDate(), v.description("YYYY-MM-DD"), v.transform((text) => new Date(`${text}T00:00:00Z`))),
    vendor: v.object({ name: v.string(), email: v.optional(v.pipe(v.string(), v.email())) }),
    currency: v.picklist(["EUR", "USD", "GBP"]),
    items: v.pipe(v.array(LineItem), v.minLength(1)),
    total: v.pipe(v.number(), v.minValue(0)),
  }),
  v.check(
    (invoice) => Math.abs(invoice.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0) - invoice.total) < 0.01,
    "total must equal the sum of quantity x unitPrice over the items",
  ),
  v.title("Invoice"),
);

const email = `From: billing@northwind.example
Subject: Invoice INV-2024-0042

Hello, please find our invoice INV-2024-0042 dated 2024-03-15 from Northwind Traders.
- 3 x Ergonomic keyboard at 49.90 EUR
- 1 x 27" monitor at 229.00 EUR
Total due: 378.70 EUR. Thank you!`;

try {
  const { data: invoice, attempts } = await structuredChatWithMetadata(createInstructor(), {
    model: exampleModel,
    mode: Mode.JSON_SCHEMA,
    responseModel: Invoice,
    messages: [
      { role: "system", content: "You extract invoices exactly as written. Do not invent values." },
      { role: "user", content: email },
    ],
  });
  console.log(invoice);
  console.log(`issued ${invoice.issuedOn.toISOString().slice(0, 10)}, ${invoice.items.length} items, valid after ${attempts} attempt(s)`);
} catch (error) {
  reportError(error);
}
