// node:http and node:https, required rather than imported: importing node:http as an ES module
// reads every export, and one of them (WebSocket) loads Node's whole fetch implementation
// (undici) at start-up, which neither the server nor the sources' client uses.
import type http from 'node:http';
import type https from 'node:https';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const httpLib = require('node:http') as typeof http;
export const httpsLib = require('node:https') as typeof https;
