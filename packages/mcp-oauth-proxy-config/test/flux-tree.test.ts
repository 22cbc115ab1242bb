import { describeFluxTree } from "./flux-tree-cases.js";

describeFluxTree("v1.4.1");
