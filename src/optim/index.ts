export { AdamW, type AdamWOptions } from "./adamw.js";
export { SGD } from "./sgd.js";
