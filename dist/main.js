import { createRequire as __harmCreateRequire } from 'node:module'; let __harmRequire; const require = (id) => (__harmRequire ??= __harmCreateRequire(import.meta.url))(id);
import{processIo}from"./chunks/chunk-GD7ZXQHZ.js";import"./chunks/chunk-ULQSVHKO.js";async function main(argv){if(argv.length===1&&(argv[0]==="--version"||argv[0]==="-V"))return process.stdout.write(`1.0.0
`),0;let{run}=await import("./chunks/run-BRI2GYY5.js");return run(argv,processIo())}export{main};
