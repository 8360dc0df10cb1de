import { createRequire as __harmCreateRequire } from 'node:module'; let __harmRequire; const require = (id) => (__harmRequire ??= __harmCreateRequire(import.meta.url))(id);
import{processIo}from"./chunks/chunk-ZSF7YI3I.js";import"./chunks/chunk-ULQSVHKO.js";async function main(argv){if(argv.length===1&&(argv[0]==="--version"||argv[0]==="-V"))return process.stdout.write(`1.0.0
`),0;let io;try{io=processIo()}catch(error){if(error.code!=="ENOENT")throw error;return process.stderr.write(`harm: The working folder no longer exists; change to an existing folder and run harm again.
`),2}let{run}=await import("./chunks/run-TXJRGQUG.js");return run(argv,io)}export{main};
