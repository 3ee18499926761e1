#!/usr/bin/env node
import { closeConnections } from "./connection-options.js";
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
await closeConnections();
