// Comlink ships its Node adapter as .mjs with the types beside it under another name.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
