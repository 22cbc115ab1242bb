import { describeFluxTree } from "./flux-tree-cases.js";

describeFluxTree("kgateway-v2.2.0-beta.3");
