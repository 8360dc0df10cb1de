import { createRequire as __harmCreateRequire } from 'node:module'; let __harmRequire; const require = (id) => (__harmRequire ??= __harmCreateRequire(import.meta.url))(id);
import{runChecks}from"./chunk-KGV4ZK5U.js";async function validateCommand(ctx,files,options){return runChecks(ctx,files,options,"validate")}export{validateCommand};
