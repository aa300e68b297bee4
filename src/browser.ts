// The browser build of `makemore` (package.json "browser" condition): no Node built-ins.
// In a page, load models from bytes: loadModel({ config, weights }).
export * from "./core.js";
