export type GemmOp = "NN" | "NT" | "TN";
/** M×K×N and the layout: fwd x@Wᵀ is NT (through linear), dinp = dout@W is NN, dW = doutᵀ@x is TN. */
export type GemmShape = [number, number, number, GemmOp];

/** The default transformer's 15 GEMMs on a 512-row batch (src/backend/KERNELS.md's shapes). */
export const DEFAULT_TRANSFORMER_GEMMS: readonly GemmShape[] = [
  [512, 64, 192, "NN"],
  [512, 192, 64, "NT"],
  [64, 512, 192, "TN"],
  [512, 64, 64, "NN"],
  [512, 64, 64, "NT"],
  [64, 512, 64, "TN"],
  [512, 64, 256, "NN"],
  [512, 256, 64, "NT"],
  [64, 512, 256, "TN"],
  [512, 256, 64, "NN"],
  [512, 64, 256, "NT"],
  [256, 512, 64, "TN"],
  [512, 64, 27, "NN"],
  [512, 27, 64, "NT"],
  [64, 512, 27, "TN"],
];
