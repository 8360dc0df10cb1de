import { createRequire as __harmCreateRequire } from 'node:module'; let __harmRequire; const require = (id) => (__harmRequire ??= __harmCreateRequire(import.meta.url))(id);
import{runChecks}from"./chunk-KGV4ZK5U.js";async function checkCommand(ctx,globs,options){return runChecks(ctx,globs,options,"check")}export{checkCommand};
